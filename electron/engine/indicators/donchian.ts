// Donchian channel (not in TA-Lib): highest high / lowest low of the last `period` bars including the current one.
import { checkPeriod, checkSameLength, nanArray } from './params';
import type { HlcBar, Outputs } from './types';
import { WindowExtreme } from './window-extreme';

export type DonchianKey = 'upper' | 'middle' | 'lower';

export function donchian(high: Float64Array, low: Float64Array, period = 20): Record<DonchianKey, Float64Array> {
  checkPeriod('period', period);
  const n = checkSameLength(high, low);
  const upper = nanArray(n);
  const middle = nanArray(n);
  const lower = nanArray(n);
  const maxH = new WindowExtreme(period, true);
  const minL = new WindowExtreme(period, false);
  for (let i = 0; i < n; i++) {
    const hh = maxH.push(high[i]);
    const ll = minL.push(low[i]);
    if (i < period - 1) continue;
    upper[i] = hh;
    lower[i] = ll;
    middle[i] = (hh + ll) / 2;
  }
  return { upper, middle, lower };
}

export class DonchianStream {
  private readonly maxH: WindowExtreme;
  private readonly minL: WindowExtreme;
  private count = 0;

  constructor(readonly period = 20) {
    checkPeriod('period', period);
    this.maxH = new WindowExtreme(period, true);
    this.minL = new WindowExtreme(period, false);
  }

  update(bar: Pick<HlcBar, 'high' | 'low'>): Outputs<DonchianKey> {
    const hh = this.maxH.push(bar.high);
    const ll = this.minL.push(bar.low);
    if (++this.count < this.period) return { upper: NaN, middle: NaN, lower: NaN };
    return { upper: hh, middle: (hh + ll) / 2, lower: ll };
  }
}
