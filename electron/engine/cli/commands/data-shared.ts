// Options and store access shared by the `quorum data …` commands.
import { CandleStore } from '../../data/candle-store';
import type { SeriesKey } from '../../data/candle-store/types';
import { parseDatasetName, parseTimeframe } from '../../data/datasets';
import { ConfigError } from '../../errors';
import { openStore, type OpenedStore } from '../../store/database';
import { DB_OPTION, dbPathFrom } from '../command';

export const SERIES_OPTIONS = {
  ...DB_OPTION,
  exchange: { type: 'string' },
  symbol: { type: 'string' },
  timeframe: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export interface StoreSession {
  store: OpenedStore;
  candles: CandleStore;
  close(): void;
}

export function openCandles(values: { db?: string | boolean | (string | boolean)[] }): StoreSession {
  const store = openStore(dbPathFrom(values));
  return { store, candles: new CandleStore(store.db), close: () => store.db.close() };
}

/** A dataset from a positional "exchange:SYMBOL:tf" or from --exchange/--symbol/--timeframe. */
export function seriesKeyFrom(positionals: string[], values: { exchange?: string; symbol?: string; timeframe?: string }): SeriesKey {
  if (positionals[0]) return parseDatasetName(positionals[0]);
  if (!values.symbol || !values.timeframe) {
    throw new ConfigError('Name the dataset as exchange:SYMBOL:timeframe or with --symbol and --timeframe', 'CLI_ARGS', { field: 'dataset' });
  }
  return { exchange: values.exchange ?? 'local', symbol: values.symbol, timeframe: parseTimeframe(values.timeframe) };
}
