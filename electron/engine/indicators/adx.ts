// ADX with +DI/-DI, following TA-Lib's ADX/PLUS_DI/MINUS_DI: DI from index period, ADX from index 2*period-1.
import { checkPeriod, checkSameLength, nanArray } from './params';
import type { HlcBar, Outputs } from './types';
import { AdxState } from './adx-state';

export type AdxKey = 'adx' | 'plusDI' | 'minusDI';

export function adx(high: Float64Array, low: Float64Array, close: Float64Array, period = 14): Record<AdxKey, Float64Array> {
  checkPeriod('period', period);
  const n = checkSameLength(high, low, close);
  const out = { adx: nanArray(n), plusDI: nanArray(n), minusDI: nanArray(n) };
  // One state machine serves batch and stream: the Wilder recurrences are O(1) per bar either way.
  const state = new AdxState(period);
  for (let i = 0; i < n; i++) {
    state.step(high[i], low[i], close[i]);
    out.adx[i] = state.adx;
    out.plusDI[i] = state.plusDI;
    out.minusDI[i] = state.minusDI;
  }
  return out;
}

export class AdxStream {
  private readonly state: AdxState;

  constructor(readonly period = 14) {
    checkPeriod('period', period);
    this.state = new AdxState(period);
  }

  update(bar: HlcBar): Outputs<AdxKey> {
    const s = this.state;
    s.step(bar.high, bar.low, bar.close);
    return { adx: s.adx, plusDI: s.plusDI, minusDI: s.minusDI };
  }
}
