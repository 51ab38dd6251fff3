// Dataset listing and naming shared by the CLI and the IPC handlers: key parsing, gap summaries.
import { TimeframeSchema, type Timeframe } from '../../../shared/domain';
import { ConfigError } from '../errors';
import type { CandleStore } from './candle-store';
import type { SeriesInfo, SeriesKey } from './candle-store/types';
import { findGaps, type GapRange } from './gaps';

export interface DatasetInfo extends SeriesInfo {
  /** Number of missing-bar ranges and missing bars inside [firstTime, lastTime]. */
  gapRanges: number;
  missingBars: number;
}

export function datasetName(key: SeriesKey): string {
  return `${key.exchange}:${key.symbol}:${key.timeframe}`;
}

export function parseTimeframe(value: string, field = 'timeframe'): Timeframe {
  const parsed = TimeframeSchema.safeParse(value);
  if (!parsed.success) throw new ConfigError(`Unknown ${field} ${JSON.stringify(value)} (use one of ${TimeframeSchema.options.join(', ')})`, 'CONFIG_INVALID', { field, value });
  return parsed.data;
}

/** Parses "exchange:SYMBOL:timeframe" (the symbol may itself contain ':' as in XRP/USDT:USDT). */
export function parseDatasetName(name: string): SeriesKey {
  const first = name.indexOf(':');
  const last = name.lastIndexOf(':');
  if (first <= 0 || last <= first + 1) {
    throw new ConfigError(`Dataset must look like exchange:SYMBOL:timeframe, got ${JSON.stringify(name)}`, 'CONFIG_INVALID', { field: 'dataset', value: name });
  }
  return { exchange: name.slice(0, first), symbol: name.slice(first + 1, last), timeframe: parseTimeframe(name.slice(last + 1)) };
}

export function datasetGaps(store: CandleStore, key: SeriesKey): GapRange[] {
  return findGaps(store.load(key).time, key.timeframe);
}

export function listDatasets(store: CandleStore): DatasetInfo[] {
  return store.list().map((info) => {
    const gaps = datasetGaps(store, info);
    return { ...info, gapRanges: gaps.length, missingBars: gaps.reduce((n, g) => n + g.bars, 0) };
  });
}

/** "2024-01-31", "2024-01-31T12:00:00Z" or epoch ms → ms UTC; a date without a zone is UTC. */
export function parseTimeArg(value: string, field: string): number {
  const asNumber = Number(value);
  if (value.trim() !== '' && Number.isFinite(asNumber)) return asNumber;
  const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}${value.length <= 10 ? 'T00:00:00' : ''}Z`;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new ConfigError(`--${field} must be an ISO date or epoch ms, got ${JSON.stringify(value)}`, 'CONFIG_INVALID', { field, value });
  return ms;
}
