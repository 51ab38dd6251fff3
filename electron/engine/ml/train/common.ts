// What every trainer takes and shares: the dataset shape, input checks, the validation window cut from the end of a
// time series, progress reporting and cancellation.

import { ConfigError, DataError, QuorumError } from '../../errors';

/**
 * A row-major `rows × cols` float32 feature matrix with 0/1 labels and optional non-negative sample weights.
 * All values must be finite (the caller drops rows with NaN). Rows are in time order.
 */
export interface Dataset {
  values: Float32Array;
  rows: number;
  cols: number;
  labels: Uint8Array;
  weights?: Float32Array | Float64Array;
}

/** `(done, total, message)`: called between trees / iterations. */
export type ProgressFn = (done: number, total: number, message: string) => void;

/** Options every trainer accepts. */
export interface TrainControl {
  /** PRNG seed (default 1): the same seed and data give byte-identical models. */
  seed?: number;
  onProgress?: ProgressFn;
  /** Checked between trees / iterations; an aborted signal makes the trainer reject with code 'CANCELLED'. */
  signal?: AbortSignal;
}

/**
 * Where the validation rows come from: an explicit `validation` set, or the last `validationFraction` of the
 * training rows (time series: taken from the END, never shuffled). With a fraction, `embargo` rows between the two
 * are dropped from training, so labels that look k bars ahead cannot reach into the validation window (use the
 * label horizon); with an explicit set, leaving that gap is the caller's job.
 */
export interface ValidationSpec {
  validation?: Dataset;
  validationFraction?: number;
  embargo?: number;
}

/** Throws a DataError unless `d` is a well-formed dataset (sizes agree, values finite, labels 0/1, weights ≥ 0). */
export function checkDataset(d: Dataset, what = 'training data'): void {
  if (!Number.isInteger(d.rows) || d.rows < 0 || !Number.isInteger(d.cols) || d.cols < 1) {
    throw new DataError(`${what}: rows and cols must be integers (rows ≥ 0, cols ≥ 1)`, 'DATA_INVALID', { rows: d.rows, cols: d.cols });
  }
  if (d.values.length !== d.rows * d.cols) {
    throw new DataError(`${what}: values has ${d.values.length} entries, expected rows × cols = ${d.rows * d.cols}`, 'DATA_INVALID');
  }
  if (d.labels.length !== d.rows) throw new DataError(`${what}: ${d.labels.length} labels for ${d.rows} rows`, 'DATA_INVALID');
  if (d.weights && d.weights.length !== d.rows) throw new DataError(`${what}: ${d.weights.length} weights for ${d.rows} rows`, 'DATA_INVALID');
  for (let i = 0; i < d.values.length; i++) {
    if (!Number.isFinite(d.values[i])) {
      throw new DataError(`${what}: non-finite feature value at row ${Math.floor(i / d.cols)}, column ${i % d.cols}`, 'DATA_INVALID');
    }
  }
  for (let i = 0; i < d.rows; i++) {
    if (d.labels[i] > 1) throw new DataError(`${what}: label ${d.labels[i]} at row ${i} is not 0 or 1`, 'DATA_INVALID');
    if (d.weights && !(d.weights[i] >= 0 && Number.isFinite(d.weights[i]))) {
      throw new DataError(`${what}: weight at row ${i} must be finite and ≥ 0`, 'DATA_INVALID');
    }
  }
}

/** Rows [from, to) of `d` as views (no copy: the matrix is row-major, so a row range is contiguous). */
export function sliceRows(d: Dataset, from: number, to: number): Dataset {
  return {
    values: d.values.subarray(from * d.cols, to * d.cols),
    rows: to - from,
    cols: d.cols,
    labels: d.labels.subarray(from, to),
    ...(d.weights ? { weights: d.weights.subarray(from, to) } : {}),
  };
}

/** Splits training and validation rows as `spec` says; `valid` is undefined when neither is asked for. */
export function resolveValidation(data: Dataset, spec: ValidationSpec): { train: Dataset; valid?: Dataset } {
  if (spec.validation) {
    if (spec.validationFraction !== undefined) throw new ConfigError('Give either validation or validationFraction, not both', 'CONFIG_INVALID');
    if (spec.validation.cols !== data.cols) {
      throw new DataError(`validation data has ${spec.validation.cols} columns, training data ${data.cols}`, 'DATA_INVALID');
    }
    return { train: data, valid: spec.validation };
  }
  const f = spec.validationFraction;
  if (f === undefined || f === 0) return { train: data };
  if (!(f > 0 && f < 1)) throw new ConfigError(`validationFraction must be in (0, 1), got ${f}`, 'CONFIG_INVALID', { field: 'validationFraction', value: f });
  const embargo = spec.embargo ?? 0;
  if (!Number.isInteger(embargo) || embargo < 0) throw new ConfigError('embargo must be a non-negative integer', 'CONFIG_INVALID', { field: 'embargo', value: embargo });
  const nValid = Math.max(1, Math.round(data.rows * f));
  const trainEnd = data.rows - nValid - embargo;
  if (trainEnd < 2) throw new DataError(`Too few rows (${data.rows}) for a validation fraction of ${f} and an embargo of ${embargo}`, 'DATA_INVALID');
  return { train: sliceRows(data, 0, trainEnd), valid: sliceRows(data, data.rows - nValid, data.rows) };
}

const CONTROL_KEYS = ['seed', 'onProgress', 'signal'];

/** Throws ConfigError naming the first option key that is not one of `known` (nor seed/onProgress/signal): a typo. */
export function checkKeys(trainer: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key) && !CONTROL_KEYS.includes(key)) {
      throw new ConfigError(`${trainer} has no option ${JSON.stringify(key)} (options: ${known.join(', ')})`, 'CONFIG_INVALID', { field: key });
    }
  }
  const seed = (options as { seed?: unknown }).seed;
  if (seed !== undefined && !(typeof seed === 'number' && Number.isFinite(seed))) {
    throw new ConfigError(`seed must be a finite number, got ${String(seed)}`, 'CONFIG_INVALID', { field: 'seed', value: seed });
  }
}

/** Throws ConfigError unless `v` is a number in [min, max] (and an integer when `integer`). */
export function checkOption(name: string, v: number, min: number, max: number, integer = false): void {
  if (typeof v !== 'number' || !(v >= min && v <= max) || (integer && !Number.isInteger(v))) {
    throw new ConfigError(`${name} must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}], got ${v}`, 'CONFIG_INVALID', { field: name, value: v });
  }
}

/**
 * Cancellation and progress for a long synchronous loop: `step()` throws when the signal is aborted, reports
 * progress, and gives the event loop a turn at most every `sliceMs` (so an abort or a progress bar can be served
 * while training runs on the main thread of a worker).
 */
export class Ticker {
  private last = performance.now();
  constructor(
    private readonly control: TrainControl,
    private readonly sliceMs = 50,
  ) {}

  checkAborted(): void {
    if (this.control.signal?.aborted) throw new QuorumError('Training cancelled', 'CANCELLED');
  }

  async step(done: number, total: number, message: string): Promise<void> {
    this.checkAborted();
    this.control.onProgress?.(done, total, message);
    const now = performance.now();
    if (now - this.last >= this.sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.last = performance.now();
      this.checkAborted();
    }
  }
}

/** Σw·y / Σw over the rows (weights default to 1). */
export function weightedPrior(labels: Uint8Array, weights?: Float32Array | Float64Array): { pos: number; total: number } {
  let pos = 0;
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const w = weights ? weights[i] : 1;
    total += w;
    if (labels[i] === 1) pos += w;
  }
  return { pos, total };
}

/** Mean (weighted) log-loss of probabilities `p` against 0/1 labels, with p clipped to [1e-15, 1 − 1e-15]. */
export function logLoss(p: ArrayLike<number>, labels: Uint8Array, weights?: Float32Array | Float64Array): number {
  let s = 0;
  let w = 0;
  for (let i = 0; i < labels.length; i++) {
    const wi = weights ? weights[i] : 1;
    const q = Math.min(1 - 1e-15, Math.max(1e-15, labels[i] === 1 ? p[i] : 1 - p[i]));
    s -= wi * Math.log(q);
    w += wi;
  }
  return w > 0 ? s / w : 0;
}
