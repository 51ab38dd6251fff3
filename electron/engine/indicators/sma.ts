// Simple moving average, summed exactly like TA-Lib's TA_INT_SMA (running total, divide before dropping the trailing value).
import { checkPeriod, nanPrefixArray } from './params';
import { RingBuffer } from './ring';
import type { ValueStream } from './types';

/**
 * Writes the SMA of src[start..] into out; outputs begin at start+period-1.
 * Exposed so composite indicators (STOCH, BBANDS) can smooth a series that itself starts late.
 */
export function smaInto(src: Float64Array, start: number, period: number, out: Float64Array): void {
  const n = src.length;
  if (n - start < period) return;
  let total = 0;
  let i = start;
  const firstOut = start + period - 1;
  while (i < firstOut) total += src[i++];
  let trailing = start;
  for (; i < n; i++) {
    total += src[i];
    const sum = total;
    total -= src[trailing++];
    out[i] = sum / period;
  }
}

export function sma(values: Float64Array, period: number): Float64Array {
  checkPeriod('period', period);
  // smaInto writes every slot from period-1 on, so only the warm-up needs its NaN.
  const out = nanPrefixArray(values.length, period - 1);
  smaInto(values, 0, period, out);
  return out;
}

export class SmaStream implements ValueStream {
  private readonly window: RingBuffer;
  private total = 0;

  constructor(readonly period: number) {
    checkPeriod('period', period);
    this.window = new RingBuffer(period);
  }

  update(value: number): number {
    this.total += value;
    this.window.push(value);
    if (!this.window.full) return NaN;
    const sum = this.total;
    // Same operation order as the batch loop, so both paths round identically.
    this.total -= this.window.oldest();
    return sum / this.period;
  }
}
