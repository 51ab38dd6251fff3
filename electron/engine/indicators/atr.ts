// Wilder's ATR as TA-Lib: seeded by the SMA of TR over bars 1..period (bar 0 has no TR), first value at index period.
import { checkPeriod, checkSameLength, nanPrefixArray } from './params';
import { trueRange } from './true-range';
import type { HlcBar } from './types';

export function atr(high: Float64Array, low: Float64Array, close: Float64Array, period = 14): Float64Array {
  checkPeriod('period', period);
  const n = checkSameLength(high, low, close);
  const out = nanPrefixArray(n, period);
  if (n <= period) return out;
  let total = 0;
  for (let i = 1; i <= period; i++) total += trueRange(high[i], low[i], close[i - 1]);
  let prev = total / period;
  out[period] = prev;
  const keep = period - 1;
  // True range is computed in place (trueRange is small enough for V8 to inline): no TR column is allocated.
  let prevClose = close[period];
  for (let i = period + 1; i < n; i++) {
    prev *= keep;
    prev += trueRange(high[i], low[i], prevClose);
    prev /= period;
    out[i] = prev;
    prevClose = close[i];
  }
  return out;
}

export class AtrStream {
  private count = 0;
  private prevClose = NaN;
  private total = 0;
  private prev = NaN;

  constructor(readonly period = 14) {
    checkPeriod('period', period);
  }

  update(bar: HlcBar): number {
    const n = this.count++;
    const tr = trueRange(bar.high, bar.low, this.prevClose);
    this.prevClose = bar.close;
    const p = this.period;
    if (n === 0) return NaN;
    if (n < p) {
      this.total += tr;
      return NaN;
    }
    if (n === p) {
      this.total += tr;
      this.prev = this.total / p;
      return this.prev;
    }
    this.prev *= p - 1;
    this.prev += tr;
    this.prev /= p;
    return this.prev;
  }
}
