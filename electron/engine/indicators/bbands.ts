// Bollinger Bands like TA-Lib BBANDS with an SMA middle and population stddev from running sums of squares.
// Kept bit-for-bit with TA-Lib, including its weakness: the never-reset sum of squares carries rounding error from
// past price levels, so after a long series falls by orders of magnitude the deviation degrades (bench shows it).
import { checkPeriod, checkPositive, nanArray } from './params';
import { RingBuffer } from './ring';
import { smaInto } from './sma';
import type { Outputs } from './types';

export type BbandsKey = 'upper' | 'middle' | 'lower';
export interface BbandsParams {
  period: number;
  /** Band width in standard deviations, used for both bands. */
  stdDev: number;
}
export const BBANDS_DEFAULTS: BbandsParams = { period: 20, stdDev: 2 };

function checkBbands(p: BbandsParams): void {
  checkPeriod('period', p.period);
  checkPositive('stdDev', p.stdDev);
}

/** TA-Lib clamps variances below 1e-8 (TA_IS_ZERO_OR_NEG) to a zero deviation. */
function deviation(meanOfSquares: number, mean: number): number {
  const variance = meanOfSquares - mean * mean;
  return variance < 0.00000001 ? 0 : Math.sqrt(variance);
}

export function bbands(values: Float64Array, params: BbandsParams = BBANDS_DEFAULTS): Record<BbandsKey, Float64Array> {
  checkBbands(params);
  const { period, stdDev } = params;
  const n = values.length;
  const middle = nanArray(n);
  const upper = nanArray(n);
  const lower = nanArray(n);
  if (n < period) return { upper, middle, lower };
  smaInto(values, 0, period, middle);
  let total2 = 0;
  let i = 0;
  for (; i < period - 1; i++) total2 += values[i] * values[i];
  for (; i < n; i++) {
    total2 += values[i] * values[i];
    const meanOfSquares = total2 / period;
    const trailing = values[i - period + 1];
    total2 -= trailing * trailing;
    const width = deviation(meanOfSquares, middle[i]) * stdDev;
    upper[i] = middle[i] + width;
    lower[i] = middle[i] - width;
  }
  return { upper, middle, lower };
}

export class BbandsStream {
  private readonly window: RingBuffer;
  private total = 0;
  private total2 = 0;

  constructor(readonly params: BbandsParams = BBANDS_DEFAULTS) {
    checkBbands(params);
    this.window = new RingBuffer(params.period);
  }

  update(value: number): Outputs<BbandsKey> {
    const { period, stdDev } = this.params;
    this.window.push(value);
    this.total += value;
    this.total2 += value * value;
    if (!this.window.full) return { upper: NaN, middle: NaN, lower: NaN };
    const trailing = this.window.oldest();
    const middle = this.total / period;
    const meanOfSquares = this.total2 / period;
    this.total -= trailing;
    this.total2 -= trailing * trailing;
    const width = deviation(meanOfSquares, middle) * stdDev;
    return { upper: middle + width, middle, lower: middle - width };
  }
}
