// What a sequence model learns from: samples are bars i whose window — the T feature rows ending at i, oldest first —
// is complete (every value finite) and whose label is known. Windows are not copied: a dataset points into the
// series' row-major feature matrix, and consecutive samples share T − 1 of their rows.
import { DataError } from '../../errors';
import { NO_LABEL } from '../features';
import type { LabelledSeries } from '../training-set';

export interface SequenceDataset {
  /** The row-major feature matrix the windows read (float32, `cols` per row), typically a whole series'. Not copied. */
  values: Float32Array;
  /** F: features per row. */
  cols: number;
  /** T: rows per window. */
  seqLength: number;
  /** Each sample's last row (its bar), ascending: rows ends[s] − T + 1 … ends[s] are all finite. */
  ends: Int32Array;
  /** 0/1 per sample. */
  labels: Uint8Array;
  /** Samples: ends.length. */
  rows: number;
}

export function isSequenceDataset(d: object): d is SequenceDataset {
  return 'ends' in d && 'seqLength' in d;
}

function rowFinite(values: Float32Array, cols: number, i: number): boolean {
  for (let p = i * cols, end = p + cols; p < end; p++) if (!Number.isFinite(values[p])) return false;
  return true;
}

/**
 * Bar indices in [from, to) a sequence model of window `seqLength` can learn from or be scored on: a known label and
 * the T rows ending there all finite. A window may reach back before `from` (those are inputs, not labels).
 */
export function sequenceRows(ls: LabelledSeries, from: number, to: number, seqLength: number): Int32Array {
  const { values, cols } = ls.features;
  const lo = Math.max(0, from);
  const hi = Math.min(to, ls.features.rows);
  const out = new Int32Array(Math.max(0, hi - lo));
  let n = 0;
  let run = 0; // consecutive finite rows ending at i
  for (let i = Math.max(0, lo - seqLength + 1); i < hi; i++) {
    run = rowFinite(values, cols, i) ? run + 1 : 0;
    if (i >= lo && run >= seqLength && ls.labels[i] !== NO_LABEL) out[n++] = i;
  }
  return out.subarray(0, n);
}

/** The samples ending at `rows` (ascending bar indices, e.g. from sequenceRows) as a SequenceDataset. */
export function sequenceDatasetOf(ls: LabelledSeries, rows: Int32Array, seqLength: number): SequenceDataset {
  const labels = new Uint8Array(rows.length);
  for (let r = 0; r < rows.length; r++) labels[r] = ls.labels[rows[r]];
  return { values: ls.features.values, cols: ls.features.cols, seqLength, ends: Int32Array.from(rows), labels, rows: rows.length };
}

/** Throws a DataError unless every window of `d` lies inside its matrix, its values are finite and labels are 0/1. */
export function checkSequenceDataset(d: SequenceDataset, what = 'training data'): void {
  const { values, cols, seqLength: T, ends, labels } = d;
  if (!Number.isInteger(cols) || cols < 1 || !Number.isInteger(T) || T < 1 || values.length % cols !== 0) {
    throw new DataError(`${what}: cols and seqLength must be positive integers and values a whole number of rows`, 'DATA_INVALID', { cols, seqLength: T });
  }
  if (ends.length !== d.rows || labels.length !== d.rows) throw new DataError(`${what}: ${ends.length} windows and ${labels.length} labels for ${d.rows} samples`, 'DATA_INVALID');
  const matrixRows = values.length / cols;
  let checkedTo = -1; // rows up to here were found finite
  for (let s = 0; s < d.rows; s++) {
    const end = ends[s];
    if (!Number.isInteger(end) || end - T + 1 < 0 || end >= matrixRows || (s > 0 && end <= ends[s - 1])) {
      throw new DataError(`${what}: sample ${s} ends at row ${end}, outside the matrix (${matrixRows} rows, windows of ${T}) or out of order`, 'DATA_INVALID');
    }
    for (let i = Math.max(end - T + 1, checkedTo + 1); i <= end; i++) {
      if (!rowFinite(values, cols, i)) throw new DataError(`${what}: sample ${s}'s window has a non-finite value in row ${i}`, 'DATA_INVALID');
    }
    checkedTo = end;
    if (labels[s] > 1) throw new DataError(`${what}: label ${labels[s]} at sample ${s} is not 0 or 1`, 'DATA_INVALID');
  }
}

/** Copies the windows of samples [first, first + count) into `out` as [count, T, F] row-major (the model's input). */
export function gatherWindows(d: SequenceDataset, first: number, count: number, out: Float32Array): Float32Array {
  const size = d.seqLength * d.cols;
  for (let k = 0; k < count; k++) {
    const start = (d.ends[first + k] - d.seqLength + 1) * d.cols;
    out.set(d.values.subarray(start, start + size), k * size);
  }
  return out.subarray(0, count * size);
}
