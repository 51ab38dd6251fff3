// Block layout: fixed, epoch-aligned time blocks whose span is a whole number of bars of the series' timeframe.
import { TIMEFRAME_MS, type Timeframe } from '../../../../shared/domain';
import { DataError } from '../../errors';

/**
 * 2^15 bars: ~23 days of 1m (1.5 MB per full block). Big enough that loading is a handful of large memcpy's,
 * small enough that a live append rewrites ~1.5 MB at most.
 */
export const DEFAULT_BLOCK_BARS = 32_768;

export function timeframeMs(timeframe: Timeframe): number {
  const ms = (TIMEFRAME_MS as Record<string, number | undefined>)[timeframe];
  if (ms === undefined) throw new DataError(`Unknown timeframe ${String(timeframe)}`, 'DATA_BAD_TIMEFRAME', { field: 'timeframe', value: timeframe });
  return ms;
}

export function blockSpanMs(timeframe: Timeframe, blockBars = DEFAULT_BLOCK_BARS): number {
  if (!Number.isInteger(blockBars) || blockBars < 1) {
    throw new DataError(`blockBars must be a positive integer`, 'DATA_BAD_OPTION', { field: 'blockBars', value: blockBars });
  }
  return timeframeMs(timeframe) * blockBars;
}

export function blockStartOf(time: number, span: number): number {
  return Math.floor(time / span) * span;
}
