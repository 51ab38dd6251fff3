// Williams %R as TA-Lib WILLR: (highest - close) / ((highest - lowest) / -100), in [-100, 0]; 0 on a zero range.
import { checkPeriod, checkSameLength, nanArray } from './params';
import type { HlcBar } from './types';
import { WindowExtreme } from './window-extreme';

function willrValue(close: number, highest: number, lowest: number): number {
  const diff = (highest - lowest) / -100.0;
  return diff !== 0 ? (highest - close) / diff : 0;
}

export function willr(high: Float64Array, low: Float64Array, close: Float64Array, period = 14): Float64Array {
  checkPeriod('period', period);
  const n = checkSameLength(high, low, close);
  const out = nanArray(n);
  const maxH = new WindowExtreme(period, true);
  const minL = new WindowExtreme(period, false);
  for (let i = 0; i < n; i++) {
    const hh = maxH.push(high[i]);
    const ll = minL.push(low[i]);
    if (i >= period - 1) out[i] = willrValue(close[i], hh, ll);
  }
  return out;
}

export class WillrStream {
  private readonly maxH: WindowExtreme;
  private readonly minL: WindowExtreme;
  private count = 0;

  constructor(readonly period = 14) {
    checkPeriod('period', period);
    this.maxH = new WindowExtreme(period, true);
    this.minL = new WindowExtreme(period, false);
  }

  update(bar: HlcBar): number {
    const hh = this.maxH.push(bar.high);
    const ll = this.minL.push(bar.low);
    return ++this.count < this.period ? NaN : willrValue(bar.close, hh, ll);
  }
}
