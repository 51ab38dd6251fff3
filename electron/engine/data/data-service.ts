// The engine's market-data service behind the contract: datasets, uploads, imports, downloads, deletes — with progress.
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Timeframe } from '../../../shared/domain';
import { createExchange, type ExchangeClientOptions } from '../exchange/ccxt-factory';
import type { EventBus } from '../ipc/event-bus';
import { CandleStore } from './candle-store';
import type { SeriesKey } from './candle-store/types';
import { datasetGaps, datasetName, listDatasets } from './datasets';
import { downloadCandles } from './download/download';
import { importCandleFiles } from './import-files';
import { Uploads, type UploadChunk } from './uploads';

export interface ImportRequest {
  jobId: string;
  paths: string[];
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
  readonly uploads: Uploads;

  constructor(
    db: Database,
    private readonly events: EventBus,
    dataDir: string,
    private readonly exchangeOptions: (exchange: string) => ExchangeClientOptions = () => ({}),
  ) {
    this.candles = new CandleStore(db);
    this.uploads = new Uploads(join(dataDir, 'uploads'));
  }

  list() {
    return listDatasets(this.candles);
  }

  gaps(key: SeriesKey) {
    return datasetGaps(this.candles, key);
  }

  upload(chunk: UploadChunk) {
    return this.uploads.receive(chunk);
  }

  async import(req: ImportRequest) {
    try {
      const results = await importCandleFiles(this.candles, req.paths, req, (p) =>
        this.events.emit('data.progress', { jobId: req.jobId, kind: 'import', fraction: p.fileIndex / p.files, message: `${p.file}: ${p.rowsRead} rows read` }),
      );
      this.events.emit('data.progress', { jobId: req.jobId, kind: 'import', fraction: 1, message: `imported ${results.length} file(s)` });
      this.changed();
      return results;
    } finally {
      for (const path of req.paths) this.uploads.remove(path);
    }
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
