// Keltner channel (not in TA-Lib), modern form: middle = TA-Lib EMA(close, period);
// bands = middle ± multiplier x TA-Lib Wilder ATR(atrPeriod). Defined once both parts are: index max(period-1, atrPeriod).
import { atr, AtrStream } from './atr';
import { ema, EmaStream } from './ema';
import { checkPeriod, checkPositive, nanArray } from './params';
import type { HlcBar, Outputs } from './types';

export type KeltnerKey = 'upper' | 'middle' | 'lower';
export interface KeltnerParams {
  period: number;
  atrPeriod: number;
  multiplier: number;
}
export const KELTNER_DEFAULTS: KeltnerParams = { period: 20, atrPeriod: 10, multiplier: 2 };

function checkKeltner(p: KeltnerParams): void {
  checkPeriod('period', p.period);
  checkPeriod('atrPeriod', p.atrPeriod);
  checkPositive('multiplier', p.multiplier);
}

export function keltner(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  params: KeltnerParams = KELTNER_DEFAULTS,
): Record<KeltnerKey, Float64Array> {
  checkKeltner(params);
  const mid = ema(close, params.period);
  const range = atr(high, low, close, params.atrPeriod);
  const n = close.length;
  const upper = nanArray(n);
  const middle = nanArray(n);
  const lower = nanArray(n);
  const first = Math.max(params.period - 1, params.atrPeriod);
  for (let i = first; i < n; i++) {
    const width = params.multiplier * range[i];
    middle[i] = mid[i];
    upper[i] = mid[i] + width;
    lower[i] = mid[i] - width;
  }
  return { upper, middle, lower };
}

export class KeltnerStream {
  private readonly mid: EmaStream;
  private readonly range: AtrStream;

  constructor(readonly params: KeltnerParams = KELTNER_DEFAULTS) {
    checkKeltner(params);
    this.mid = new EmaStream(params.period);
    this.range = new AtrStream(params.atrPeriod);
  }

  update(bar: HlcBar): Outputs<KeltnerKey> {
    const mid = this.mid.update(bar.close);
    const range = this.range.update(bar);
    if (Number.isNaN(mid) || Number.isNaN(range)) return { upper: NaN, middle: NaN, lower: NaN };
    const width = this.params.multiplier * range;
    return { upper: mid + width, middle: mid, lower: mid - width };
  }
}
