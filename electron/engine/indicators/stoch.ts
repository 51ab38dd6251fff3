// Slow stochastic as TA-Lib STOCH with SMA smoothing: raw %K over fastK bars, slow %K = SMA(slowK), %D = SMA(slowD).
import { checkPeriod, checkSameLength, nanArray } from './params';
import { smaInto, SmaStream } from './sma';
import type { HlcBar, Outputs } from './types';
import { WindowExtreme } from './window-extreme';

export type StochKey = 'k' | 'd';
export interface StochParams {
  fastK: number;
  slowK: number;
  slowD: number;
}
export const STOCH_DEFAULTS: StochParams = { fastK: 14, slowK: 3, slowD: 3 };

function checkStoch(p: StochParams): void {
  checkPeriod('fastK', p.fastK);
  checkPeriod('slowK', p.slowK);
  checkPeriod('slowD', p.slowD);
}

/** TA-Lib divides by (range/100) rather than multiplying by 100, and reports 0 on a zero range. */
export function rawK(close: number, highest: number, lowest: number): number {
  const diff = (highest - lowest) / 100.0;
  return diff !== 0 ? (close - lowest) / diff : 0;
}

export function stoch(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  params: StochParams = STOCH_DEFAULTS,
): Record<StochKey, Float64Array> {
  checkStoch(params);
  const { fastK, slowK, slowD } = params;
  const n = checkSameLength(high, low, close);
  const fast = nanArray(n);
  const maxH = new WindowExtreme(fastK, true);
  const minL = new WindowExtreme(fastK, false);
  for (let i = 0; i < n; i++) {
    const hh = maxH.push(high[i]);
    const ll = minL.push(low[i]);
    if (i >= fastK - 1) fast[i] = rawK(close[i], hh, ll);
  }
  const k = nanArray(n);
  const d = nanArray(n);
  smaInto(fast, fastK - 1, slowK, k);
  smaInto(k, fastK - 1 + slowK - 1, slowD, d);
  // TA-Lib reports %K only where %D exists too.
  k.fill(NaN, 0, Math.min(n, fastK + slowK + slowD - 3));
  return { k, d };
}

export class StochStream {
  private readonly maxH: WindowExtreme;
  private readonly minL: WindowExtreme;
  private readonly kAvg: SmaStream;
  private readonly dAvg: SmaStream;
  private count = 0;

  constructor(readonly params: StochParams = STOCH_DEFAULTS) {
    checkStoch(params);
    this.maxH = new WindowExtreme(params.fastK, true);
    this.minL = new WindowExtreme(params.fastK, false);
    this.kAvg = new SmaStream(params.slowK);
    this.dAvg = new SmaStream(params.slowD);
  }

  update(bar: HlcBar): Outputs<StochKey> {
    const hh = this.maxH.push(bar.high);
    const ll = this.minL.push(bar.low);
    if (++this.count < this.params.fastK) return { k: NaN, d: NaN };
    const k = this.kAvg.update(rawK(bar.close, hh, ll));
    if (Number.isNaN(k)) return { k: NaN, d: NaN };
    const d = this.dAvg.update(k);
    return Number.isNaN(d) ? { k: NaN, d: NaN } : { k, d };
  }
}
