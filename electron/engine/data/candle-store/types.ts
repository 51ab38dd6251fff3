// Public types of the candle store: series keys, instrument specs, write counts and listing rows.
import type { Timeframe } from '../../../../shared/domain';

export interface SeriesKey {
  exchange: string;
  symbol: string;
  timeframe: Timeframe;
}

export interface InstrumentSpec {
  exchange: string;
  symbol: string;
  base?: string;
  quote?: string;
  priceStep?: number;
  amountStep?: number;
  minAmount?: number;
  minNotional?: number;
}

/** What a write did, per bar: new time, same time with other values (newer wins), or same time and values. */
export interface WriteCounts {
  inserted: number;
  replaced: number;
  unchanged: number;
}

export interface ImportResult extends WriteCounts {
  /** False when shouldCommit() said no: nothing was stored. */
  committed: boolean;
}

export interface ImportSeriesOptions {
  /** Asked once, after the last batch; false discards the whole import (the "reject" policy). */
  shouldCommit?: () => boolean;
}

/** Half-open time range in ms: from inclusive, to exclusive; either end may be left open. */
export interface LoadRange {
  from?: number;
  to?: number;
}

export interface SeriesInfo {
  exchange: string;
  symbol: string;
  timeframe: Timeframe;
  firstTime: number;
  lastTime: number;
  rows: number;
}

export interface CandleStoreOptions {
  /**
   * Bars per block (a power of two is not required). Tests shrink it to cross many blocks with few rows;
   * a database must keep one value per series, which the store checks before writing.
   */
  blockBars?: number;
}
