// Imports candle files into the store: each file atomically (the reject policy stores nothing from a bad file).
import { basename } from 'node:path';
import type { Timeframe } from '../../../shared/domain';
import { DataError } from '../errors';
import type { CandleStore } from './candle-store';
import type { SeriesKey } from './candle-store/types';
import { readCandleFile, type ErrorPolicy, type ImportReport } from './importers';

export interface ImportOverrides {
  exchange?: string;
  symbol?: string;
  timeframe?: Timeframe;
  onError?: ErrorPolicy;
}

export interface FileImportResult {
  file: string;
  key: SeriesKey;
  /** Where the symbol came from, so the trader can tell a guess from a fact. */
  symbolSource: 'option' | 'file' | 'file-name';
  report: ImportReport;
  inserted: number;
  replaced: number;
  unchanged: number;
  committed: boolean;
}

export interface ImportProgress {
  file: string;
  fileIndex: number;
  files: number;
  rowsRead: number;
}

/** Default exchange for files that do not say which venue they come from. */
export const LOCAL_EXCHANGE = 'local';

export async function importCandleFile(store: CandleStore, file: string, overrides: ImportOverrides = {}, onRows?: (rowsRead: number) => void): Promise<FileImportResult> {
  const policy = overrides.onError ?? 'reject';
  const reader = await readCandleFile(file, { onError: policy, timeframe: overrides.timeframe });
  const timeframe = overrides.timeframe ?? reader.meta.timeframe;
  if (!timeframe) {
    throw new DataError(`Cannot tell the timeframe of ${file}: pass --timeframe (e.g. 1m, 1h, 1d)`, 'TIMEFRAME_UNKNOWN', { field: 'timeframe' });
  }
  const symbolSource = overrides.symbol ? 'option' : reader.meta.symbol ? 'file' : 'file-name';
  const named = overrides.symbol ?? reader.meta.symbol ?? basename(file).replace(/\.(csv|txt|json|gz|zip)$/gi, '').toUpperCase();
  // Mark-price and funding-rate files share the instrument's name but are different data: keep them apart.
  const symbol = overrides.symbol || reader.meta.contents === 'ohlcv' ? named : `${named}#${reader.meta.contents}`;
  const key: SeriesKey = { exchange: overrides.exchange ?? reader.meta.exchange ?? LOCAL_EXCHANGE, symbol, timeframe };
  async function* counted() {
    for await (const batch of reader.batches()) {
      yield batch;
      onRows?.(reader.report().rowsRead);
    }
  }
  const result = await store.importSeries(key, counted(), {
    shouldCommit: () => policy === 'skip' || reader.report().problems.length === 0,
  });
  return { file, key, symbolSource, report: reader.report(), ...result };
}

export async function importCandleFiles(store: CandleStore, files: readonly string[], overrides: ImportOverrides = {}, onProgress?: (p: ImportProgress) => void): Promise<FileImportResult[]> {
  const results: FileImportResult[] = [];
  for (const [fileIndex, file] of files.entries()) {
    const progress = (rowsRead: number) => onProgress?.({ file, fileIndex, files: files.length, rowsRead });
    progress(0);
    results.push(await importCandleFile(store, file, overrides, progress));
  }
  return results;
}
