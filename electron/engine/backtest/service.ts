// Backtests for the UI: start one in the background, follow its progress, cancel it, load or list stored runs.
import type { Database } from 'better-sqlite3';
import type { CandleSeries } from '../model/candle-series';
import { RunsRepository, type RunRow } from '../store/runs-repo';
import type { StrategyParams } from '../strategies/params';
import type { StrategyBase } from '../strategies/registry';
import type { BacktestRiskSettings } from './backtest-risk';
import { BacktestCancelled } from './cancel';
import { withFileNames } from '../errors';
import { loadBacktestData, loadDataset, loadFile, type LoadedData } from './load-data';
import type { BacktestStats, TradeRecord } from './metrics/types';
import { loadResult } from './run-store';
import { runStored } from './stored-run';
import type { SweepBase } from './sweep-job';
import type { RankMetric } from './metric';
import { runSweep, type SweepReport } from './sweep';
import type { SweepPool } from './sweep-pool';
import { runWalkForward, type WalkForwardReport } from './walk-forward';
import type { Span } from './windows';

export interface BacktestRequest {
  /**
   * A candle file path or a stored dataset name (the CLI), a dataset only or a resolved file (a client's request),
   * or candles already in memory.
   */
  data: string | { dataset: string } | { file: string; name: string } | { series: CandleSeries; symbol: string; timeframe?: string };
  strategy: string;
  params?: StrategyParams;
  /**
   * Costs and rules, as the CLI flags (cash, commission, slippage, fill, sizing, allowShort, …). `risk: false` runs
   * without the risk check (the CLI's --no-risk); otherwise the app's limits and breakers apply, on a backtest-local state.
   */
  options?: Omit<SweepBase, 'symbol' | 'strategy' | 'timeframe' | 'risk' | 'market'> & { risk?: boolean };
  from?: number;
  to?: number;
}

export type JobState = 'loading' | 'running' | 'finished' | 'failed' | 'cancelled';

export interface BacktestEvent {
  jobId: string;
  runId?: number;
  state: JobState;
  /** Bars replayed so far and in all (0/0 while loading). */
  done: number;
  total: number;
  stats?: BacktestStats;
  error?: string;
}

export interface LoadedRun {
  run: RunRow;
  stats: BacktestStats | null;
  /** Why entries were skipped or vetoed and which breakers tripped (runNotes); empty for older runs. */
  notes: string[];
  trades: TradeRecord[];
  /** Bar times (ms) and equity at each bar's close; empty for runs stored before curves were kept. */
  equity: { time: Float64Array; value: Float64Array };
}

/** A sweep (and, with train/test spans, a walk-forward) on the same data and options a single backtest takes. */
export interface SweepRequest extends Omit<BacktestRequest, 'params'> {
  grid: StrategyParams[];
  metric: RankMetric;
  /** Threads to use, at most the pool's size (the default). */
  workers?: number;
}

interface Job {
  cancelled: boolean;
  finished: Promise<BacktestEvent>;
}

/** Yield to the event loop at each checkpoint, so a cancel() arriving by IPC is seen while the replay runs. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export class BacktestService {
  private readonly jobs = new Map<string, Job>();
  private seq = 0;

  constructor(
    private readonly db: Database,
    private readonly onEvent: (e: BacktestEvent) => void = () => {},
    /** The app's stored settings a strategy starts from (the agent panel's weights and thresholds). */
    private readonly strategyBase: () => StrategyBase = () => ({}),
    /** The app's stored risk settings (settings.risk); the defaults when not given. */
    private readonly riskSettings: () => BacktestRiskSettings = () => ({}),
    /** The engine's worker pool: started on the first sweep, then kept warm for the next ones. */
    private readonly sweepPool?: () => SweepPool,
  ) {}

  /** Ranks every grid combination on the engine's pool. */
  async sweep(req: SweepRequest): Promise<SweepReport> {
    return runSweep({ ...(await this.sweepInput(req)), grid: req.grid, metric: req.metric, from: req.from, to: req.to });
  }

  /** Walk-forward over the whole series (from/to do not apply): every window's sweep and out-of-sample run on the same warm pool. */
  async walkForward(req: SweepRequest & { train: Span; test: Span; anchored?: boolean }): Promise<WalkForwardReport> {
    const input = await this.sweepInput(req);
    return runWalkForward({ ...input, grid: req.grid, metric: req.metric, train: req.train, test: req.test, anchored: req.anchored ?? false });
  }

  /** A sweep's series, shared run options and pool (the Sweep page's jobs run on these too). */
  async sweepInput(req: Omit<SweepRequest, 'grid' | 'metric'>) {
    const data = await this.loadData(req.data);
    const pool = this.sweepPool?.();
    const base: SweepBase = {
      ...req.options, symbol: data.symbol, timeframe: data.timeframe, market: data.market, strategy: req.strategy,
      risk: req.options?.risk === false ? (false as const) : this.riskSettings(),
    };
    return { series: data.series, base, pool, workers: req.workers ?? pool?.size ?? 1 };
  }

  /** Resolves once the run row exists (data loaded, first bar not yet replayed); the run goes on in the background. */
  start(req: BacktestRequest): Promise<{ jobId: string; runId: number }> {
    const jobId = `bt-${++this.seq}`;
    let started!: (runId: number) => void;
    let failed!: (err: unknown) => void;
    const runIdKnown = new Promise<number>((res, rej) => ((started = res), (failed = rej)));
    const job: Job = { cancelled: false, finished: undefined as unknown as Promise<BacktestEvent> };
    job.finished = this.execute(jobId, job, req, started).catch((err: unknown) => {
      failed(err);
      return { jobId, state: 'failed' as const, done: 0, total: 0, error: String(err) };
    });
    this.jobs.set(jobId, job);
    return runIdKnown.then((runId) => ({ jobId, runId }));
  }

  /** Cooperative: the run stops at its next checkpoint (≤ 4096 bars) and is stored as 'cancelled'. */
  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job) return false;
    job.cancelled = true;
    return true;
  }

  /** The job's last event (finished, failed or cancelled). */
  wait(jobId: string): Promise<BacktestEvent> {
    const job = this.jobs.get(jobId);
    if (!job) return Promise.reject(new Error(`no backtest job ${jobId}`));
    return job.finished;
  }

  load(runId: number): LoadedRun | undefined {
    const run = new RunsRepository(this.db).get(runId);
    if (!run) return undefined;
    const saved = loadResult(this.db, runId);
    return {
      run,
      stats: saved?.stats ?? (run.stats as BacktestStats | null),
      notes: saved?.notes ?? [],
      trades: saved?.trades ?? [],
      equity: { time: saved?.time ?? new Float64Array(0), value: saved?.equity ?? new Float64Array(0) },
    };
  }

  /** Recent backtest runs, newest first. */
  list(limit = 50): RunRow[] {
    return new RunsRepository(this.db).list(limit * 4).filter((r) => r.kind === 'backtest').slice(0, limit);
  }

  private async loadData(data: BacktestRequest['data']): Promise<Pick<LoadedData, 'series' | 'symbol' | 'timeframe' | 'market'> & Partial<LoadedData>> {
    if (typeof data === 'string') return loadBacktestData(data, () => this.db);
    if ('dataset' in data) return loadDataset(data.dataset, () => this.db);
    if ('file' in data) return loadFile(data.file, data.name).catch((err: unknown) => Promise.reject(withFileNames(err, new Map([[data.file, data.name]]))));
    return data;
  }

  private async execute(jobId: string, job: Job, req: BacktestRequest, started: (runId: number) => void): Promise<BacktestEvent> {
    this.onEvent({ jobId, state: 'loading', done: 0, total: 0 });
    const data = await this.loadData(req.data);
    let runId: number | undefined;
    const event = (state: JobState, done: number, total: number, extra: Partial<BacktestEvent> = {}): BacktestEvent => {
      const e = { jobId, runId, state, done, total, ...extra };
      this.onEvent(e);
      return e;
    };
    const options = {
      ...req.options, series: data.series, symbol: data.symbol, timeframe: data.timeframe, market: data.market, strategy: req.strategy,
      params: req.params, from: req.from, to: req.to, strategyBase: this.strategyBase(),
      ...(data.source && data.name ? { data: { kind: data.source, name: data.name } } : {}),
      risk: req.options?.risk === false ? (false as const) : this.riskSettings(),
      checkpoint: async (done: number, total: number) => {
        event('running', done, total);
        await breathe();
        if (job.cancelled) throw new BacktestCancelled();
      },
    };
    try {
      const { result } = await runStored(this.db, options, (id) => ((runId = id), started(id)));
      return event('finished', result.equity.length, result.equity.length, { stats: result.stats });
    } catch (err) {
      if (runId === undefined) throw err;
      return event(err instanceof BacktestCancelled ? 'cancelled' : 'failed', 0, 0, { error: (err as Error).message });
    }
  }
}
