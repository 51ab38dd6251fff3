// Wilder's RSI exactly as TA-Lib computes it: averages seeded by the mean of the first `period` changes, first value at index period.
import { checkPeriod, nanPrefixArray } from './params';
import type { ValueStream } from './types';

/**
 * TA-Lib reports 0 (not NaN) when both averages are ~0, e.g. on a flat series.
 * The TA_IS_ZERO test is written out rather than calling params' taIsZero: measured, the cross-module call in the
 * hot loop cost ~5 ns/value (V8 did not inline it there).
 */
function rsiValue(gain: number, loss: number): number {
  const total = gain + loss;
  return total > -0.00000001 && total < 0.00000001 ? 0 : 100 * (gain / total);
}

/** Below this, |d| ± d cannot overflow; NaN fails the test too, so odd inputs take the plain branch. */
const SPLIT_LIMIT = 2 ** 1023;

export function rsi(values: Float64Array, period = 14): Float64Array {
  checkPeriod('period', period);
  const n = values.length;
  const out = nanPrefixArray(n, period);
  if (n <= period) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const d = values[i] - values[i - 1];
    if (d < 0) loss -= d;
    else gain += d;
  }
  loss /= period;
  gain /= period;
  out[period] = rsiValue(gain, loss);
  const keep = period - 1;
  let prev = values[period];
  for (let i = period + 1; i < n; i++) {
    const value = values[i];
    const d = value - prev;
    prev = value;
    const size = Math.abs(d);
    loss *= keep;
    gain *= keep;
    if (size < SPLIT_LIMIT) {
      // The sign of a random walk's change defeats the branch predictor, so split d without branching:
      // (|d| - d) * 0.5 is exactly -d when d < 0 and +0 otherwise, and adding +0 to a sum >= +0 leaves its bits alone.
      loss += (size - d) * 0.5;
      gain += (size + d) * 0.5;
    } else if (d < 0) loss -= d;
    else gain += d;
    loss /= period;
    gain /= period;
    out[i] = rsiValue(gain, loss);
  }
  return out;
}

export class RsiStream implements ValueStream {
  private count = 0;
  private prevValue = NaN;
  private gain = 0;
  private loss = 0;

  constructor(readonly period = 14) {
    checkPeriod('period', period);
  }

  update(value: number): number {
    const n = this.count++;
    const d = value - this.prevValue;
    this.prevValue = value;
    if (n === 0) return NaN;
    const p = this.period;
    if (n > p) {
      this.loss *= p - 1;
      this.gain *= p - 1;
    }
    if (d < 0) this.loss -= d;
    else this.gain += d;
    if (n < p) return NaN;
    this.loss /= p;
    this.gain /= p;
    return rsiValue(this.gain, this.loss);
  }
}
