// Market-data state for the Data page (zustand): datasets, running jobs with progress, last import results.
import { create } from 'zustand';
import type { Dataset, FileImport } from '../../../shared/data-contract';
import type { Timeframe } from '../../../shared/domain';
import type { QuorumClient } from '../api/client';
import { uploadFile } from '../api/upload';

export interface Job {
  id: string;
  kind: 'import' | 'download' | 'upload';
  fraction: number;
  message: string;
}

export interface ImportOptions {
  exchange?: string;
  symbol?: string;
  timeframe?: Timeframe;
  onError: 'reject' | 'skip';
}

interface DataState {
  datasets: Dataset[];
  jobs: Record<string, Job>;
  imports: FileImport[];
  notice?: string;
  error?: string;
  attach(client: QuorumClient): void;
  refresh(): Promise<void>;
  /** Uploads files the page holds (dropped or chosen in the browser), then imports them. */
  importFiles(files: File[], options: ImportOptions): Promise<void>;
  /** Desktop app: the engine shows its own open dialog and imports what the user chose. */
  chooseAndImport(options: ImportOptions): Promise<void>;
  importHandles(handles: string[], options: ImportOptions): Promise<void>;
  download(req: { exchange: string; symbol: string; timeframe: Timeframe; from: number; to?: number }): Promise<void>;
  remove(key: { exchange: string; symbol: string; timeframe: Timeframe }): Promise<void>;
}

let client: QuorumClient | undefined;
let jobCounter = 0;
const nextJobId = (kind: string) => `${kind}-${Date.now()}-${jobCounter++}`;

export const useDataStore = create<DataState>((set, get) => {
  const setJob = (job: Job) => set({ jobs: { ...get().jobs, [job.id]: job } });
  const endJob = (id: string) => {
    const jobs = { ...get().jobs };
    delete jobs[id];
    set({ jobs });
  };
  async function run<T>(id: string, kind: Job['kind'], label: string, work: () => Promise<T>): Promise<T | undefined> {
    setJob({ id, kind, fraction: 0, message: label });
    set({ error: undefined, notice: undefined });
    try {
      return await work();
    } catch (err) {
      set({ error: err instanceof Error ? err.message : String(err) });
      return undefined;
    } finally {
      endJob(id);
    }
  }
  return {
    datasets: [],
    jobs: {},
    imports: [],
    attach(c) {
      client = c;
      c.on('data.progress', (p) => {
        const job = get().jobs[p.jobId];
        if (job) setJob({ ...job, fraction: p.fraction ?? job.fraction, message: p.message });
      });
      c.on('data.changed', (datasets) => set({ datasets }));
      void get().refresh();
    },
    async refresh() {
      if (client) set({ datasets: await client.request('data.list', {}) });
    },
    async importFiles(files, options) {
      if (!client || files.length === 0) return;
      const c = client;
      const id = nextJobId('upload');
      const handles = await run(id, 'upload', `Uploading ${files.length} file(s)`, async () => {
        const out: string[] = [];
        for (const [i, file] of files.entries()) {
          out.push(await uploadFile(c, file, (f) => setJob({ id, kind: 'upload', fraction: (i + f) / files.length, message: `Uploading ${file.name}` })));
        }
        return out;
      });
      if (handles) await get().importHandles(handles, options);
    },
    async chooseAndImport(options) {
      if (!client) return;
      const c = client;
      const picked = await run(nextJobId('choose'), 'import', 'Choosing files', () => c.request('files.open', { purpose: 'candles' }));
      if (picked && picked.files.length > 0) await get().importHandles(picked.files.map((f) => f.file), options);
    },
    async importHandles(handles, options) {
      if (!client) return;
      const c = client;
      const jobId = nextJobId('import');
      const results = await run(jobId, 'import', `Importing ${handles.length} file(s)`, () => c.request('data.import', { jobId, files: handles, ...options }));
      if (!results) return;
      const rejected = results.filter((r) => !r.committed).length;
      set({ imports: results, notice: `${results.length - rejected} file(s) stored${rejected ? `, ${rejected} rejected` : ''}` });
    },
    async download(req) {
      if (!client) return;
      const c = client;
      const jobId = nextJobId('download');
      const result = await run(jobId, 'download', `Downloading ${req.symbol} ${req.timeframe}`, () => c.request('data.download', { jobId, ...req }));
      if (result) set({ notice: `Stored ${result.storedBars} of ${result.wantedBars} missing bars (${result.requests} request${result.requests === 1 ? '' : 's'})` });
    },
    async remove({ exchange, symbol, timeframe }) {
      if (!client) return;
      const c = client;
      const result = await run(nextJobId('delete'), 'import', `Deleting ${symbol} ${timeframe}`, () => c.request('data.delete', { exchange, symbol, timeframe, confirm: true }));
      if (result) set({ notice: `Deleted ${result.rows} candles of ${exchange}:${symbol}:${timeframe}` });
    },
  };
});
