// Seeded sequence datasets for the GRU tests: a feature matrix with an offset and a scale per column (so the
// standardisation has work to do), labels that depend on several past rows.
import type { SequenceDataset } from '../../../../electron/engine/ml/sequence';
import { Prng } from '../../../../electron/engine/ml/train/prng';

export function gaussian(rng: Prng): number {
  let u = rng.next();
  while (u === 0) u = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * Column j is OFFSETS[j] + SCALES[j]·z with z standard normal (then float32): scales far from 1 and means up to 5
 * standard deviations from 0, about the worst the engine's 61 features have (|mean| / sd ≤ 6.3 on FIL/USDT).
 */
export const OFFSETS = [0.05, -3, 0.5, 200];
export const SCALES = [0.01, 2, 1, 50];

export interface SeqSample {
  data: SequenceDataset;
  /** The standard normal draws behind the matrix (row-major), before the offset and scale. */
  z: Float64Array;
}

/**
 * `rows` rows of `cols` (≤ 4) columns; samples are every row from T − 1 on, labelled 1 when the sum of z0 over the
 * last `lookback` rows is positive (no noise): a signal no single row carries.
 */
export function sumSignal(rows: number, cols: number, T: number, lookback: number, seed: number): SeqSample {
  const rng = new Prng(seed);
  const z = new Float64Array(rows * cols);
  const values = new Float32Array(rows * cols);
  for (let i = 0; i < rows * cols; i++) {
    z[i] = gaussian(rng);
    const j = i % cols;
    values[i] = OFFSETS[j] + SCALES[j] * z[i];
  }
  const first = Math.max(T, lookback) - 1;
  const ends = new Int32Array(rows - first);
  const labels = new Uint8Array(ends.length);
  for (let s = 0; s < ends.length; s++) {
    const i = first + s;
    ends[s] = i;
    let sum = 0;
    for (let k = 0; k < lookback; k++) sum += z[(i - k) * cols];
    labels[s] = sum > 0 ? 1 : 0;
  }
  return { data: { values, cols, seqLength: T, ends, labels, rows: ends.length }, z };
}

/** Samples [from, to) of `d` (views). */
export function sliceSamples(d: SequenceDataset, from: number, to: number): SequenceDataset {
  return { ...d, ends: d.ends.subarray(from, to), labels: d.labels.subarray(from, to), rows: to - from };
}
