// Loads the candles a backtest, sweep or walk-forward runs on: a candle file (any importer format) or a stored dataset.
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Database } from 'better-sqlite3';
import { CandleStore, concatSeries } from '../data/candle-store';
import { datasetName, parseDatasetName } from '../data/datasets';
import { readCandleFile } from '../data/importers';
import { DataError } from '../errors';
import { allocateSeries, type CandleSeries } from '../model/candle-series';
import type { MarketRules } from '../model/market';
import { storedMarketRules } from './stored-market';

export interface LoadedData {
  series: CandleSeries;
  symbol: string;
  timeframe?: string;
  /** 'file' for a path read directly, 'dataset' for a stored series. */
  source: 'file' | 'dataset';
  /** The file path or the dataset name, as shown to the trader. */
  name: string;
  /** A stored dataset's instrument precision, when the store knows it. */
  market?: MarketRules;
}

/** True when `data` names an existing file; anything else is taken as an exchange:SYMBOL:tf dataset name. */
export function isFileSpec(data: string): boolean {
  return existsSync(data) && statSync(data).isFile();
}

/**
 * `data` is a file path (read with the importers; rows with problems are rejected, as `quorum data import`) or a
 * dataset name looked up in `db` (opened by the caller, so a CLI run reads and writes through one connection).
 */
export async function loadBacktestData(data: string, db: () => Database): Promise<LoadedData> {
  if (isFileSpec(data)) return loadFile(data);
  if (!data.includes(':')) {
    throw new DataError(`--data ${data}: no such file, and not a dataset name (exchange:SYMBOL:timeframe)`, 'DATA_NOT_FOUND', { field: 'data', value: data });
  }
  return loadDataset(data, db);
}

/** A stored dataset by name only: a client's request never reaches the file system this way. */
export function loadDataset(data: string, db: () => Database): LoadedData {
  const key = parseDatasetName(data);
  const store = db();
  const series = new CandleStore(store).load(key);
  if (series.length === 0) {
    throw new DataError(`Dataset ${datasetName(key)} is empty or not stored (see \`quorum data list\`)`, 'DATA_NOT_FOUND', { field: 'data', value: data });
  }
  const market = storedMarketRules(store, key.exchange, key.symbol);
  return { series, symbol: key.symbol, timeframe: key.timeframe, source: 'dataset', name: datasetName(key), ...(market ? { market } : {}) };
}

/** A candle file the engine already resolved (a CLI path, or a client's handle turned into a path). */
export async function loadFile(path: string, name = path): Promise<LoadedData> {
  const reader = await readCandleFile(path);
  const batches: CandleSeries[] = [];
  for await (const batch of reader.batches()) batches.push(batch);
  const report = reader.report();
  if (report.problems.length > 0) {
    const p = report.problems[0];
    throw new DataError(`${path} line ${p.line}: ${p.message} (fix the file, or import it with --on-error skip)`, 'DATA_INVALID', { field: 'data', line: p.line });
  }
  const series = inTimeOrder(concatSeries(batches));
  if (series.length === 0) throw new DataError(`${path} holds no candles`, 'DATA_EMPTY', { field: 'data', value: path });
  const symbol = reader.meta.symbol ?? basename(path).replace(/\.(csv|txt|json|gz|zip)$/gi, '').toUpperCase();
  return { series, symbol, timeframe: reader.meta.timeframe, source: 'file', name };
}

/** The replay needs strictly increasing times: files listed newest-first or with repeats are sorted, last row wins. */
function inTimeOrder(s: CandleSeries): CandleSeries {
  let sorted = true;
  for (let i = 1; i < s.length && sorted; i++) sorted = s.time[i] > s.time[i - 1];
  if (sorted) return s;
  const order = Array.from({ length: s.length }, (_, i) => i).sort((a, b) => s.time[a] - s.time[b] || a - b);
  const kept = order.filter((row, k) => k === order.length - 1 || s.time[order[k + 1]] !== s.time[row]);
  const out = allocateSeries(kept.length);
  kept.forEach((row, i) => {
    for (const f of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) out[f][i] = s[f][row];
  });
  return out;
}
