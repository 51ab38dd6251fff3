// Exposure counted from closed trades, as backtesting.py counts it: a position still open at the end does not count.
import { firstAtOrAfter } from '../model/time-search';
import type { TradeRecord } from './metrics/types';

/** Which bars count as exposed: see BacktestOptions.exposure. */
export type ExposureConvention = 'position' | 'closed-trades';

/**
 * 1 on every bar from a closed trade's entry bar to its exit bar, both inclusive; 0 elsewhere. Trade times are the
 * open times of their fill bars, so they land exactly on `time`.
 */
export function closedTradeExposure(time: Float64Array, trades: readonly TradeRecord[]): Uint8Array {
  const exposure = new Uint8Array(time.length);
  for (const t of trades) exposure.fill(1, firstAtOrAfter(time, t.entryTime), firstAtOrAfter(time, t.exitTime) + 1);
  return exposure;
}
