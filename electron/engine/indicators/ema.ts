// Exponential moving average, TA-Lib style: seeded with the SMA of the first `period` values (first output at period-1).
import { checkPeriod, nanPrefixArray } from './params';
import type { ValueStream } from './types';

/** TA-Lib's PER_TO_K. */
export function emaK(period: number): number {
  return 2.0 / (period + 1);
}

/** TA-Lib's EMA seed: the plain mean of src[from..from+period-1], summed left to right from 0. */
export function seedMean(src: Float64Array, from: number, period: number): number {
  let sum = 0;
  for (let i = from; i < from + period; i++) sum += src[i];
  return sum / period;
}

/**
 * Writes the EMA of src[seedStart..] into out, seeding with the SMA of src[seedStart..seedStart+period-1].
 * MACD relies on seedStart > 0: TA-Lib starts its fast EMA late so it lines up with the slow one.
 */
export function emaInto(src: Float64Array, seedStart: number, period: number, out: Float64Array): void {
  const n = src.length;
  const first = seedStart + period - 1;
  if (first >= n) return;
  const k = emaK(period);
  let prev = seedMean(src, seedStart, period);
  out[first] = prev;
  for (let i = first + 1; i < n; i++) {
    prev = (src[i] - prev) * k + prev;
    out[i] = prev;
  }
}

export function ema(values: Float64Array, period: number): Float64Array {
  checkPeriod('period', period);
  const out = nanPrefixArray(values.length, period - 1);
  emaInto(values, 0, period, out);
  return out;
}

export class EmaStream implements ValueStream {
  private readonly k: number;
  private count = 0;
  private sum = 0;
  private prev = NaN;

  constructor(readonly period: number) {
    checkPeriod('period', period);
    this.k = emaK(period);
  }

  update(value: number): number {
    if (this.count >= this.period) {
      this.prev = (value - this.prev) * this.k + this.prev;
      return this.prev;
    }
    this.sum += value;
    this.count++;
    if (this.count === this.period) this.prev = this.sum / this.period;
    return this.prev;
  }
}
