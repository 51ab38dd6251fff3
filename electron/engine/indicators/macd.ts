// MACD as TA-Lib computes it: the fast EMA is seeded late so it starts with the slow one; signal is an SMA-seeded EMA of MACD.
import { emaK, EmaStream, seedMean } from './ema';
import { checkOrder, checkPeriod, nanPrefixArray } from './params';
import type { Outputs } from './types';

export type MacdKey = 'macd' | 'signal' | 'hist';
export interface MacdParams {
  fastPeriod: number;
  slowPeriod: number;
  signalPeriod: number;
}
export const MACD_DEFAULTS: MacdParams = { fastPeriod: 12, slowPeriod: 26, signalPeriod: 9 };

function checkMacd(p: MacdParams): void {
  checkPeriod('fastPeriod', p.fastPeriod);
  checkPeriod('slowPeriod', p.slowPeriod);
  checkPeriod('signalPeriod', p.signalPeriod);
  // TA-Lib silently swaps them; a reversed pair is far more likely a typo, so refuse it.
  checkOrder('fastPeriod', p.fastPeriod, 'slowPeriod', p.slowPeriod);
}

/** First index with all three outputs: slow-1 + signal-1 (33 for 12/26/9). */
export function macdLookback(p: MacdParams): number {
  return p.slowPeriod - 1 + p.signalPeriod - 1;
}

export function macd(values: Float64Array, params: MacdParams = MACD_DEFAULTS): Record<MacdKey, Float64Array> {
  checkMacd(params);
  const n = values.length;
  const lookback = macdLookback(params);
  // TA-Lib only reports the MACD line where the signal exists, so all three share the warm-up.
  const out = { macd: nanPrefixArray(n, lookback), signal: nanPrefixArray(n, lookback), hist: nanPrefixArray(n, lookback) };
  if (n > lookback) macdInto(values, params, out);
  return out;
}

/**
 * One pass for all three EMAs instead of three passes over scratch arrays: every value goes through the same
 * operations in the same order as separate EMA runs would, so the bits match; only memory traffic is saved.
 * Requires values.length > macdLookback(params).
 */
function macdInto(values: Float64Array, params: MacdParams, out: Record<MacdKey, Float64Array>): void {
  const { fastPeriod, slowPeriod, signalPeriod } = params;
  const { macd: line, signal, hist } = out;
  const n = values.length;
  const start = slowPeriod - 1;
  const lookback = macdLookback(params);
  const kSlow = emaK(slowPeriod);
  const kFast = emaK(fastPeriod);
  const kSignal = emaK(signalPeriod);
  let slow = seedMean(values, 0, slowPeriod);
  let fast = seedMean(values, slowPeriod - fastPeriod, fastPeriod);
  // The signal's seed is the mean of the MACD line over start..lookback, summed from 0 as seedMean does.
  let lineSum = 0;
  lineSum += fast - slow;
  for (let i = start + 1; i <= lookback; i++) {
    const value = values[i];
    slow = (value - slow) * kSlow + slow;
    fast = (value - fast) * kFast + fast;
    lineSum += fast - slow;
  }
  let sig = lineSum / signalPeriod;
  let macdValue = fast - slow;
  line[lookback] = macdValue;
  signal[lookback] = sig;
  hist[lookback] = macdValue - sig;
  for (let i = lookback + 1; i < n; i++) {
    const value = values[i];
    slow = (value - slow) * kSlow + slow;
    fast = (value - fast) * kFast + fast;
    macdValue = fast - slow;
    sig = (macdValue - sig) * kSignal + sig;
    line[i] = macdValue;
    signal[i] = sig;
    hist[i] = macdValue - sig;
  }
}

export class MacdStream {
  private readonly fast: EmaStream;
  private readonly slow: EmaStream;
  private readonly signal: EmaStream;
  private count = 0;

  constructor(readonly params: MacdParams = MACD_DEFAULTS) {
    checkMacd(params);
    this.fast = new EmaStream(params.fastPeriod);
    this.slow = new EmaStream(params.slowPeriod);
    this.signal = new EmaStream(params.signalPeriod);
  }

  update(value: number): Outputs<MacdKey> {
    const skipFast = this.params.slowPeriod - this.params.fastPeriod;
    const n = this.count++;
    const slow = this.slow.update(value);
    const fast = n >= skipFast ? this.fast.update(value) : NaN;
    if (Number.isNaN(slow)) return { macd: NaN, signal: NaN, hist: NaN };
    const signal = this.signal.update(fast - slow);
    if (Number.isNaN(signal)) return { macd: NaN, signal: NaN, hist: NaN };
    const line = fast - slow;
    return { macd: line, signal, hist: line - signal };
  }
}
