// Which timeframe shows a time span in at most N bars: the engine aggregates candles to it, the chart asks for it.
import { TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from './domain';

/** Timeframes a dataset of `base` can be aggregated to (whole multiples; calendar months are not fixed buckets). */
export function coarserTimeframes(base: Timeframe): Timeframe[] {
  const ms = TIMEFRAME_MS[base];
  return TIMEFRAMES.filter((tf) => tf !== '1M' && TIMEFRAME_MS[tf] >= ms && TIMEFRAME_MS[tf] % ms === 0);
}

/** The finest of them whose buckets over `spanMs` number at most `maxBars` (partial buckets at both edges counted). */
export function finestResolution(base: Timeframe, spanMs: number, maxBars: number): Timeframe {
  const ladder = coarserTimeframes(base);
  return ladder.find((tf) => Math.floor(spanMs / TIMEFRAME_MS[tf]) + 2 <= maxBars) ?? ladder[ladder.length - 1] ?? base;
}
