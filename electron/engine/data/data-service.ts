// The engine's market-data service behind the contract: datasets, uploads, imports, downloads, deletes — with progress.
import type { Database } from 'better-sqlite3';
import type { Timeframe } from '../../../shared/domain';
import { createExchange, type ExchangeClientOptions } from '../exchange/ccxt-factory';
import type { EventBus } from '../ipc/event-bus';
import { CandleStore } from './candle-store';
import type { SeriesKey } from './candle-store/types';
import { datasetGaps, datasetName, listDatasets } from './datasets';
import { downloadCandles } from './download/download';
import { importCandleFiles } from './import-files';
import type { ClientFiles } from '../files/client-files';
import { DataError, withFileNames } from '../errors';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE_FILE, SAMPLE_KEY } from './sample-dataset';

export interface ImportRequest {
  jobId: string;
  /** Handles from an upload or the file dialog (see ClientFiles). */
  files: string[];
  exchange?: string;
  symbol?: string;
  timeframe?: Timeframe;
  onError: 'reject' | 'skip';
}

export interface DownloadRequest extends SeriesKey {
  jobId: string;
  from: number;
  to?: number;
}

export class DataService {
  readonly candles: CandleStore;

  constructor(
    db: Database,
    private readonly events: EventBus,
    private readonly files: ClientFiles,
    private readonly exchangeOptions: (exchange: string) => ExchangeClientOptions = () => ({}),
  ) {
    this.candles = new CandleStore(db);
  }

  list() {
    return listDatasets(this.candles);
  }

  gaps(key: SeriesKey) {
    return datasetGaps(this.candles, key);
  }

  /** Imports files named by handle; results and errors name each file as the user knows it, never by its path here. */
  async import(req: ImportRequest) {
    const names = new Map<string, string>();
    const named = (path: string) => names.get(path) ?? 'file';
    const grants = this.resolveAll(req.files);
    for (const g of grants) names.set(g.path, g.name);
    try {
      const results = await importCandleFiles(this.candles, grants.map((g) => g.path), req, (p) =>
        this.events.emit('data.progress', { jobId: req.jobId, kind: 'import', fraction: p.fileIndex / p.files, message: `${named(p.file)}: ${p.rowsRead} rows read` }),
      );
      this.events.emit('data.progress', { jobId: req.jobId, kind: 'import', fraction: 1, message: `imported ${results.length} file(s)` });
      this.changed();
      return results.map((r) => ({ ...r, file: named(r.file) }));
    } catch (err) {
      throw withFileNames(err, names);
    } finally {
      for (const token of req.files) this.files.release(token);
    }
  }

  /**
   * Loads the sample the app ships (from `samplesDir`, the engine's own folder, never the renderer's choice) as
   * binance:BTC/USDT:1h. Loading it again changes nothing.
   */
  async importSample(samplesDir: string | undefined) {
    const path = samplesDir === undefined ? undefined : join(samplesDir, SAMPLE_FILE);
    if (path === undefined || !existsSync(path)) {
      throw new DataError(`The sample dataset is not installed: no ${SAMPLE_FILE} in ${samplesDir ?? 'resources/samples'}`, 'SAMPLE_MISSING', { field: 'samplesDir', value: samplesDir });
    }
    const jobId = 'sample';
    const [result] = await importCandleFiles(this.candles, [path], { ...SAMPLE_KEY, onError: 'reject' }, (p) =>
      this.events.emit('data.progress', { jobId, kind: 'import', fraction: 0, message: `${SAMPLE_FILE}: ${p.rowsRead} rows read` }),
    );
    this.events.emit('data.progress', { jobId, kind: 'import', fraction: 1, message: `imported ${SAMPLE_FILE}` });
    this.changed();
    return { ...result, file: SAMPLE_FILE };
  }

  /**
   * Every handle, or none: a refused request spends no good handle (the trader need not upload again); only a handle
   * whose file is no longer acceptable (a symlink out of the folder) is released, its upload removed.
   */
  private resolveAll(tokens: readonly string[]) {
    const grants = [];
    for (const [i, token] of tokens.entries()) {
      try {
        grants.push(this.files.resolve(token, `files.${i}`));
      } catch (err) {
        if ((err as { code?: string }).code === 'PATH_OUTSIDE') this.files.release(token);
        throw err;
      }
    }
    return grants;
  }

  async download(req: DownloadRequest) {
    const key = { exchange: req.exchange, symbol: req.symbol, timeframe: req.timeframe };
    const client = createExchange(req.exchange, { timeoutMs: 30_000, ...this.exchangeOptions(req.exchange) });
    const result = await downloadCandles(client, this.candles, key, {
      from: req.from,
      to: req.to ?? Date.now(),
      onProgress: (p) =>
        this.events.emit('data.progress', {
          jobId: req.jobId, kind: 'download', fraction: p.wantedBars ? Math.min(1, p.storedBars / p.wantedBars) : 1,
          message: `${datasetName(key)}: ${p.storedBars}/${p.wantedBars} bars`,
        }),
    });
    this.changed();
    return result;
  }

  delete(key: SeriesKey) {
    const rows = this.candles.delete(key);
    this.changed();
    return { rows };
  }

  private changed(): void {
    this.events.emit('data.changed', this.list());
  }
}
