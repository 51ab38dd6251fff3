// MACD as TA-Lib computes it: the fast EMA is seeded late so it starts with the slow one; signal is an SMA-seeded EMA of MACD.
import { emaInto, EmaStream } from './ema';
import { checkOrder, checkPeriod, nanArray } from './params';
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
  const { fastPeriod, slowPeriod, signalPeriod } = params;
  const n = values.length;
  const line = nanArray(n);
  const signal = nanArray(n);
  const hist = nanArray(n);
  const start = slowPeriod - 1;
  const lookback = macdLookback(params);
  if (n <= lookback) return { macd: line, signal, hist };
  // Scratch slow EMA goes into `signal`, fast into `hist`; both are overwritten below.
  emaInto(values, 0, slowPeriod, signal);
  emaInto(values, slowPeriod - fastPeriod, fastPeriod, hist);
  for (let i = start; i < n; i++) line[i] = hist[i] - signal[i];
  signal.fill(NaN);
  emaInto(line, start, signalPeriod, signal);
  // TA-Lib only reports the MACD line where the signal exists.
  line.fill(NaN, 0, lookback);
  hist.fill(NaN, 0, lookback);
  for (let i = lookback; i < n; i++) hist[i] = line[i] - signal[i];
  return { macd: line, signal, hist };
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
