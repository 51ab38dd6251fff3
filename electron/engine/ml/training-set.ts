// The rows a model learns from: every bar whose features are all finite and whose label is known, in time order.
// The label looks `horizon` bars ahead, so a training range must stop `horizon` bars before what it is judged on
// (the embargo): otherwise the last labels would peek into the test window.
import type { CandleSeries } from '../model/candle-series';
import type { FeatureInput } from '../../../shared/model-manifest';
import { computeFeatures, directionLabels, NO_LABEL, type FeatureMatrix } from './features';
import type { FeatureExtra } from './features/family';
import { inputsOf } from './features/hash';
import type { Dataset } from './train';

export interface LabelSpec {
  /** Bars ahead (default 5). */
  horizon: number;
  /** Moves within ±deadZone (a fraction) are left unlabelled (default 0). */
  deadZone: number;
}

export const DEFAULT_LABEL: LabelSpec = { horizon: 5, deadZone: 0 };

/** Features and labels of a whole series, computed once; rows are picked from them by bar range. */
export interface LabelledSeries {
  series: CandleSeries;
  features: FeatureMatrix;
  labels: Int8Array;
  label: LabelSpec;
  /** Kline inputs beyond OHLCV the features read (none for candles only). */
  inputs: FeatureInput[];
}

export function labelSeries(series: CandleSeries, label: LabelSpec = DEFAULT_LABEL, extra?: FeatureExtra): LabelledSeries {
  return {
    series,
    features: computeFeatures(series, { extra }),
    labels: directionLabels(series.close, label.horizon, label.deadZone),
    label,
    inputs: inputsOf(extra),
  };
}

/** Bar indices in [from, to) usable for training or scoring: complete features and a known label. */
export function usableRows(ls: LabelledSeries, from: number, to: number): Int32Array {
  const { features: f, labels } = ls;
  const out = new Int32Array(Math.max(0, to - from));
  let n = 0;
  for (let i = Math.max(from, f.firstComplete); i < to; i++) {
    if (labels[i] === NO_LABEL || !rowFinite(f, i)) continue;
    out[n++] = i;
  }
  return out.subarray(0, n);
}

function rowFinite(f: FeatureMatrix, i: number): boolean {
  for (let p = i * f.cols, end = p + f.cols; p < end; p++) if (!Number.isFinite(f.values[p])) return false;
  return true;
}

/** The rows as a trainer's Dataset (a copy: contiguous, in the given order). */
export function datasetOf(ls: LabelledSeries, rows: Int32Array): Dataset {
  const cols = ls.features.cols;
  const values = new Float32Array(rows.length * cols);
  const labels = new Uint8Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    values.set(ls.features.values.subarray(i * cols, (i + 1) * cols), r * cols);
    labels[r] = ls.labels[i];
  }
  return { values, rows: rows.length, cols, labels };
}
