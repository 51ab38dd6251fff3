// Commodity Channel Index as TA-Lib CCI: typical price vs its SMA over 0.015 x mean absolute deviation.
// Mean absolute deviation depends on every window value relative to the current mean, so each update costs
// O(period) — the one indicator here that cannot be exact and O(1) per update.
import { checkPeriod, checkSameLength, nanArray } from './params';
import type { HlcBar } from './types';

/** Sums in physical ring order, as TA-Lib does, so batch and stream round identically. */
function cciFromRing(ring: Float64Array, last: number): number {
  const period = ring.length;
  let average = 0;
  for (let j = 0; j < period; j++) average += ring[j];
  average /= period;
  let meanDev = 0;
  for (let j = 0; j < period; j++) meanDev += Math.abs(ring[j] - average);
  const delta = last - average;
  return delta !== 0 && meanDev !== 0 ? delta / (0.015 * (meanDev / period)) : 0;
}

export function cci(high: Float64Array, low: Float64Array, close: Float64Array, period = 14): Float64Array {
  const stream = new CciStream(period);
  const n = checkSameLength(high, low, close);
  const out = nanArray(n);
  for (let i = 0; i < n; i++) out[i] = stream.step(high[i], low[i], close[i]);
  return out;
}

export class CciStream {
  private readonly ring: Float64Array;
  private slot = 0;
  private count = 0;

  constructor(readonly period = 14) {
    checkPeriod('period', period);
    this.ring = new Float64Array(period);
  }

  update(bar: HlcBar): number {
    return this.step(bar.high, bar.low, bar.close);
  }

  step(high: number, low: number, close: number): number {
    const typical = (high + low + close) / 3;
    this.ring[this.slot] = typical;
    this.slot = this.slot + 1 === this.period ? 0 : this.slot + 1;
    if (++this.count < this.period) return NaN;
    return cciFromRing(this.ring, typical);
  }
}
