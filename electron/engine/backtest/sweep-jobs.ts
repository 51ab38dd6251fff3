// Sweeps and walk-forwards for the UI: one job at a time on the engine's warm pool, progress per worker, cancel, and
// the result kept for the page to fetch (ranked rows, or windows with a stitched out-of-sample equity curve).
import {
  axisValues, MAX_GRID, MAX_WALK_BACKTESTS, MAX_WALK_WINDOWS, type KeyStats, type SweepJobResult, type SweepProgress, type SweepStarted,
  type SweepStartRequest, type WalkForwardStartRequest,
} from '../../../shared/sweep-contract';
import { ConfigError, DataError } from '../errors';
import type { CandleSeries } from '../model/candle-series';
import { STRATEGY_NAMES } from '../strategies/registry';
import type { StrategyParams } from '../strategies/params';
import { BacktestCancelled } from './cancel';
import { parseMetric, type RankMetric } from './metric';
import type { BacktestStats } from './metrics/types';
import { expandGrid } from './param-grid';
import type { BacktestService } from './service';
import { runSweep } from './sweep';
import type { SweepBase } from './sweep-job';
import { stitchOutOfSample } from './stitch';
import { thinned } from './ui-result';
import { runWalkForward, type WalkForwardReport, type WindowResult } from './walk-forward';
import { buildWindows, clipSeries, parseSpan } from './windows';

/** Finished results kept for the page to fetch (each up to 10,000 rows). */
const KEPT_RESULTS = 4;
/** Progress events at most this often: a 10,000-combination sweep must not send 10,000 messages. */
const PROGRESS_EVERY_MS = 100;
/** Points of the stitched curve sent to the chart. */
const CURVE_POINTS = 4_000;

const finite = (n: number | undefined): number | null => (typeof n === 'number' && Number.isFinite(n) ? n : null);

export function keyStats(stats: BacktestStats, metric: RankMetric): KeyStats {
  return {
    score: finite(stats[metric.field]), returnPct: finite(stats.returnPct), sharpe: finite(stats.sharpe), maxDrawdownPct: finite(stats.maxDrawdownPct),
    trades: stats.trades, winRatePct: finite(stats.winRatePct), profitFactor: finite(stats.profitFactor), finalEquity: finite(stats.finalEquity),
  };
}

const plain = (p: StrategyParams) => Object.fromEntries(Object.entries(p).filter((e): e is [string, number | string | boolean] => e[1] !== undefined));

interface Running {
  id: string;
  kind: SweepProgress['kind'];
  abort: AbortController;
  finished: Promise<SweepProgress>;
}

interface Prepared {
  series: CandleSeries;
  base: SweepBase;
  grid: StrategyParams[];
  metric: RankMetric;
  workers: number;
  poolSize: number;
  pool: Awaited<ReturnType<BacktestService['sweepInput']>>['pool'];
}

/** Counts backtests per worker and sends progress, throttled (state changes and the last count always go out). */
class ProgressFeed {
  readonly perWorker: number[];
  private last = 0;
  windows?: { done: number; total: number };
  phase?: SweepProgress['phase'];

  constructor(
    private readonly base: Pick<SweepProgress, 'jobId' | 'kind' | 'total' | 'poolSize'>,
    workers: number,
    private readonly emit: (e: SweepProgress) => void,
  ) {
    this.perWorker = new Array<number>(workers).fill(0);
  }

  get done(): number {
    return this.perWorker.reduce((a, b) => a + b, 0);
  }

  count(worker: number): void {
    this.perWorker[worker] = (this.perWorker[worker] ?? 0) + 1;
    const now = Date.now();
    if (now - this.last < PROGRESS_EVERY_MS) return;
    this.last = now;
    this.send('running');
  }

  send(state: SweepProgress['state'], error?: string): SweepProgress {
    const e: SweepProgress = {
      ...this.base, state, done: Math.min(this.done, this.base.total), perWorker: [...this.perWorker],
      ...(this.windows ? { windows: { ...this.windows } } : {}), ...(this.phase ? { phase: this.phase } : {}), ...(error ? { error: error.slice(0, 2_000) } : {}),
    };
    this.emit(e);
    return e;
  }
}

export class SweepJobs {
  private running?: Running;
  private readonly results = new Map<string, SweepJobResult>();
  private seq = 0;

  constructor(
    private readonly backtests: Pick<BacktestService, 'sweepInput'>,
    private readonly onEvent: (e: SweepProgress) => void = () => {},
  ) {}

  /** Starts a sweep; resolves once the data is loaded and the grid checked (bad input is refused here, by field). */
  async startSweep(req: SweepStartRequest): Promise<SweepStarted> {
    return this.launch('sweep', async (id) => {
      const p = await this.prepare(req);
      const last = p.series.time[p.series.length - 1];
      if (req.from !== undefined && req.from > last) throw new ConfigError(`from is after the data's last bar (${new Date(last).toISOString()})`, 'SWEEP_RANGE', { field: 'from', value: req.from });
      if (req.to !== undefined && req.to < p.series.time[0]) throw new ConfigError(`to is before the data's first bar (${new Date(p.series.time[0]).toISOString()})`, 'SWEEP_RANGE', { field: 'to', value: req.to });
      const feed = new ProgressFeed({ jobId: id, kind: 'sweep', total: p.grid.length, poolSize: p.poolSize }, p.workers, this.onEvent);
      const started: SweepStarted = { jobId: id, combos: p.grid.length, total: p.grid.length, workers: p.workers, poolSize: p.poolSize };
      const run = async (signal: AbortSignal): Promise<SweepJobResult> => {
        const report = await runSweep({
          series: p.series, base: p.base, grid: p.grid, metric: p.metric, workers: p.workers, pool: p.pool, from: req.from, to: req.to, signal,
          onOutcome: (_o, _done, _total, worker) => feed.count(worker),
        });
        return {
          kind: 'sweep', metric: p.metric, axes: req.axes, combos: report.combos,
          rows: report.ranked.map((r) => ({ rank: r.rank, index: r.index, params: plain(r.params), ...keyStats(r.stats, p.metric) })),
          skipped: report.skipped.length, ...(report.skipped[0] ? { skippedExample: report.skipped[0].reason } : {}),
          errors: report.errors.slice(0, 50).map((e) => ({ params: plain(e.params), error: e.error })),
        };
      };
      return { started, feed, run };
    });
  }

  /** Starts a walk-forward over the data between from and to: windows are built and bounded before it starts. */
  async startWalkForward(req: WalkForwardStartRequest): Promise<SweepStarted> {
    return this.launch('walkforward', async (id) => {
      const p = await this.prepare(req);
      const series = clipSeries(p.series, req.from, req.to);
      const train = parseSpan(req.train, 'train');
      const test = parseSpan(req.test, 'test');
      const anchored = req.anchored ?? false;
      const windows = series.length === 0 ? [] : buildWindows(series, train, test, anchored);
      if (windows.length === 0) {
        throw new ConfigError(`No complete train + test window fits in the ${series.length} bars: shorten train or test`, 'WALK_NO_WINDOW', { field: 'train', value: req.train });
      }
      if (windows.length > MAX_WALK_WINDOWS) {
        throw new ConfigError(`test ${req.test} makes ${windows.length} windows (at most ${MAX_WALK_WINDOWS}): lengthen it`, 'WALK_TOO_MANY', { field: 'test', value: req.test });
      }
      const total = windows.length * p.grid.length;
      if (total > MAX_WALK_BACKTESTS) {
        throw new ConfigError(`${windows.length} windows × ${p.grid.length} combinations = ${total} backtests (at most ${MAX_WALK_BACKTESTS}): shrink the grid or lengthen test`, 'WALK_TOO_MANY', { field: 'axes', value: total });
      }
      const feed = new ProgressFeed({ jobId: id, kind: 'walkforward', total, poolSize: p.poolSize }, p.workers, this.onEvent);
      feed.windows = { done: 0, total: windows.length };
      feed.phase = 'windows';
      const started: SweepStarted = { jobId: id, combos: p.grid.length, total, workers: p.workers, poolSize: p.poolSize, windows: windows.length };
      const run = async (signal: AbortSignal): Promise<SweepJobResult> => {
        const report = await runWalkForward({
          series, base: p.base, grid: p.grid, metric: p.metric, workers: p.workers, pool: p.pool, train, test, anchored, signal,
          onOutcome: (_o, _done, _total, worker) => feed.count(worker),
          onWindow: (w, n) => ((feed.windows = { done: w.index + 1, total: n }), feed.send('running')),
        });
        feed.phase = 'stitching';
        feed.send('running');
        const curve = await stitchOutOfSample(series, p.base, report.windows, req.options.cash ?? 10_000, signal);
        return walkResult(report, req, p.grid.length, thinned(curve.time, curve.value, CURVE_POINTS));
      };
      return { started, feed, run };
    });
  }

  /** Cooperative: no more combinations are handed out; the running batches finish, then the job ends 'cancelled'. */
  cancel(jobId: string): boolean {
    if (this.running?.id !== jobId) return false;
    this.running.abort.abort();
    return true;
  }

  /** A finished job's result. */
  result(jobId: string): SweepJobResult {
    const result = this.results.get(jobId);
    if (result) return result;
    const why = this.running?.id === jobId ? 'is still running' : 'is not known (finished results are kept for the last few jobs)';
    throw new DataError(`Sweep job ${jobId} ${why}`, 'SWEEP_NO_RESULT', { field: 'jobId', value: jobId });
  }

  /** The job's last event (finished, failed or cancelled); for tests and the CLI. */
  wait(jobId: string): Promise<SweepProgress> {
    if (this.running?.id === jobId) return this.running.finished;
    return Promise.reject(new DataError(`No running sweep job ${jobId}`, 'SWEEP_NO_JOB', { field: 'jobId', value: jobId }));
  }

  close(): void {
    this.running?.abort.abort();
  }

  private async launch(
    kind: SweepProgress['kind'],
    setUp: (id: string) => Promise<{ started: SweepStarted; feed: ProgressFeed; run: (signal: AbortSignal) => Promise<SweepJobResult> }>,
  ): Promise<SweepStarted> {
    if (this.running) {
      throw new ConfigError(`A ${this.running.kind === 'sweep' ? 'sweep' : 'walk-forward'} is running (${this.running.id}): wait for it or cancel it`, 'SWEEP_BUSY', { field: 'jobId', value: this.running.id });
    }
    const id = `${kind === 'sweep' ? 'sw' : 'wf'}-${++this.seq}`;
    const abort = new AbortController();
    let settle!: (e: Promise<SweepProgress>) => void;
    // Taken before the data loads, so a second start while this one sets up is refused too.
    const job: Running = { id, kind, abort, finished: new Promise<SweepProgress>((resolve) => (settle = resolve)) };
    this.running = job;
    let prepared;
    try {
      prepared = await setUp(id);
    } catch (err) {
      this.running = undefined;
      settle(Promise.reject(err));
      job.finished.catch(() => {});
      throw err;
    }
    const { started, feed, run } = prepared;
    settle((async () => {
      feed.send('running');
      try {
        this.keep(id, await run(abort.signal));
        return feed.send('finished');
      } catch (err) {
        if (err instanceof BacktestCancelled || abort.signal.aborted) return feed.send('cancelled');
        return feed.send('failed', err instanceof Error ? err.message : String(err));
      } finally {
        this.running = undefined;
      }
    })());
    return started;
  }

  private keep(id: string, result: SweepJobResult): void {
    this.results.set(id, result);
    for (const old of this.results.keys()) if (this.results.size > KEPT_RESULTS) this.results.delete(old);
  }

  private async prepare(req: SweepStartRequest): Promise<Prepared> {
    if (!STRATEGY_NAMES.includes(req.strategy)) {
      throw new ConfigError(`unknown strategy '${req.strategy}' (built-in: ${STRATEGY_NAMES.join(', ')})`, 'CONFIG_INVALID', { field: 'strategy', value: req.strategy });
    }
    const metric = parseMetric(req.metric);
    const grid = expandGrid(req.axes.map((a) => ({ key: a.key, values: axisValues(a) })), MAX_GRID);
    const input = await this.backtests.sweepInput({ data: { dataset: req.data }, strategy: req.strategy, options: req.options, workers: req.workers });
    const poolSize = input.pool?.size ?? 1;
    const workers = Math.max(1, Math.min(input.workers, poolSize, grid.length));
    return { series: input.series, base: input.base, grid, metric, workers, poolSize, pool: input.pool };
  }
}

function side(s: WalkForwardReport['inSample']) {
  return {
    windows: s.windows, meanMetric: finite(s.meanMetric), meanReturnPct: finite(s.meanReturnPct), compoundedReturnPct: finite(s.compoundedReturnPct),
    worstDrawdownPct: finite(s.worstDrawdownPct), trades: s.trades, positiveWindows: s.positiveWindows,
  };
}

function windowView(w: WindowResult, metric: RankMetric) {
  return {
    index: w.index, train: w.train, test: w.test, candidates: w.candidates, skipped: w.skipped,
    ...(w.best ? { best: plain(w.best) } : {}),
    ...(w.inSample ? { inSample: keyStats(w.inSample, metric) } : {}),
    ...(w.outOfSample ? { outOfSample: keyStats(w.outOfSample, metric) } : {}),
  };
}

function walkResult(r: WalkForwardReport, req: WalkForwardStartRequest, combos: number, stitched: { time: Float64Array; value: Float64Array }): SweepJobResult {
  return {
    kind: 'walkforward', metric: r.metric, anchored: r.anchored, train: req.train, test: req.test, combos,
    windows: r.windows.map((w) => windowView(w, r.metric)), inSample: side(r.inSample), outOfSample: side(r.outOfSample),
    stitched, stitchedReturnPct: finite(r.outOfSample.compoundedReturnPct),
  };
}
