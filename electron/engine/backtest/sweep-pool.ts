// A pool of sweep workers that outlives a sweep: threads start (and warm up) once and serve every later sweep and
// walk-forward window. The candles go to the workers as SharedArrayBuffers (one copy, whatever the worker count).
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { ConfigError } from '../errors';
import type { CandleSeries } from '../model/candle-series';
import { BacktestCancelled } from './cancel';
import { BatchQueue } from './pool-batches';
import { SweepWorkerError, WorkerSlot, type SweepContext } from './pool-slot';
import { workerUrl } from './pool-worker-url';
import { shareSeries, type SharedSeries } from './shared-series';
import { runSweepJob, type SweepBase, type SweepJob, type SweepOutcome } from './sweep-job';
import { startWorker } from './ts-worker';
import { LineMemo } from '../indicators/line-memo';

/** `worker` is the position of the thread that ran the job among those the run uses (0 in-process): per-worker progress. */
export type OnOutcome = (outcome: SweepOutcome, done: number, total: number, worker: number) => void;

/**
 * Runs jobs on one series with one set of run options; `close` frees what the runner holds (its own pool, if any).
 * An aborted `signal` hands out no more jobs: batches already running finish, then the run rejects with BacktestCancelled.
 */
export interface JobRunner {
  run(jobs: readonly SweepJob[], onOutcome?: OnOutcome, signal?: AbortSignal): Promise<SweepOutcome[]>;
  close(): Promise<void>;
}

/** Default worker count: one per core the process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

export function checkWorkers(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 256) {
    throw new ConfigError(`--workers must be an integer in 0..256 (0 = in this thread), got ${n}`, 'CLI_ARGS', { field: 'workers', value: n });
  }
  return n;
}

/** Jobs per batch when a run can be cancelled. */
const CANCELLABLE_BATCH = 8;

export class SweepPool {
  private slots: WorkerSlot[] = [];
  private starting?: Promise<void>;
  /** One sweep at a time: a second waits, rather than two splitting the cores and both finishing late. */
  private turn: Promise<unknown> = Promise.resolve();
  private contexts = 0;
  /** Threads started so far: names them, so an error says which one (a replacement gets a new number). */
  private spawned = 0;
  private closed = false;
  /** Shared copies by series, so sweeps over the same candles (walk-forward windows, repeated sweeps) copy once. */
  private readonly shared = new WeakMap<CandleSeries, SharedSeries>();

  constructor(
    readonly size: number = defaultWorkers(),
    /** How a thread is started, told whether it warms V8 up first (see `warm`); tests put a crashing worker here. */
    private readonly start: (warmUp: boolean) => Promise<Worker> = (warmUp) => startWorker(workerUrl(), { workerData: { warmUp } }),
  ) {
    if (checkWorkers(size) === 0) throw new ConfigError('A sweep pool needs at least one worker', 'CLI_ARGS', { field: 'workers', value: size });
  }

  /** Threads started over the pool's life, replacements included: a sweep on a warm pool adds none. */
  get started(): number {
    return this.spawned;
  }

  /** Threads still running (0 after close). */
  get threads(): number {
    return this.slots.filter((s) => !s.exited).length;
  }

  /**
   * Starts the threads not running yet and waits until all are ready; sweeps after this pay no start-up.
   * `jit`: each new thread first runs made-up jobs so V8 optimises the trading loop (~0.5 s a thread) — for a pool
   * started ahead of need (the app's, after start), whose first sweep then runs nearly at warm speed. With jobs
   * waiting only a primer of a few ms runs (jit-warmup.ts): the jobs warm the thread up as well, and a one-off sweep
   * finished ~0.1-0.4 s sooner without the full warm-up, ~0.1 s sooner again with the primer.
   */
  warm(jit = true): Promise<void> {
    if (this.closed) return Promise.reject(new SweepWorkerError('the sweep pool is closed'));
    this.starting ??= this.startMissing(jit).finally(() => (this.starting = undefined));
    return this.starting;
  }

  /** A runner on `series`; its jobs use at most `workers` of the pool's threads. Close it to release the candles. */
  bind(series: CandleSeries, base: SweepBase, workers = this.size): JobRunner {
    const ctx: SweepContext = { id: ++this.contexts, series: this.share(series), base };
    return {
      run: (jobs, onOutcome, signal) => this.enqueue(() => this.runJobs(ctx, jobs, Math.max(1, Math.min(workers, this.size)), onOutcome, signal)),
      close: async () => this.slots.forEach((s) => s.release(ctx.id)),
    };
  }

  /** Terminates every thread; running sweeps fail with 'the sweep pool was closed'. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.terminate('the sweep pool was closed')));
  }

  private async startMissing(jit: boolean): Promise<void> {
    this.slots = this.slots.filter((s) => !s.exited);
    const missing = Array.from({ length: this.size - this.slots.length }, () => ++this.spawned);
    const started = await Promise.allSettled(missing.map(async (n) => new WorkerSlot(await this.start(jit), `sweep worker ${n}`, (dead) => this.replace(dead))));
    const slots = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    // Closed while threads were starting: stop them here, or nothing would (close() did not know them yet).
    if (this.closed) await Promise.all(slots.map((s) => s.terminate('the sweep pool was closed')));
    else this.slots.push(...slots);
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    if (this.closed) throw new SweepWorkerError('the sweep pool was closed');
    await Promise.all(this.slots.map((s) => s.ready));
  }

  /** A worker that crashed after starting is replaced at once, so the next sweep finds the pool whole and warm. */
  private replace(dead: WorkerSlot): void {
    if (!this.closed && dead.started) this.warm().catch(() => {});
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const result = this.turn.then(task);
    this.turn = result.catch(() => {});
    return result;
  }

  private async runJobs(ctx: SweepContext, jobs: readonly SweepJob[], workers: number, onOutcome?: OnOutcome, signal?: AbortSignal): Promise<SweepOutcome[]> {
    if (jobs.length === 0) return [];
    if (signal?.aborted) throw new BacktestCancelled();
    await this.warm(false);
    const slots = this.slots.slice(0, Math.min(workers, jobs.length));
    // A cancellable run gets small batches, so a cancel waits for a few jobs per worker, not a quarter of the grid.
    const queue = new BatchQueue(jobs, slots.length, signal ? CANCELLABLE_BATCH : Infinity);
    const stop = () => queue.stop();
    signal?.addEventListener('abort', stop);
    const out: SweepOutcome[] = [];
    const drive = async (slot: WorkerSlot, worker: number) => {
      for (let batch = queue.take(); batch; batch = queue.take()) {
        for (const o of await slot.runBatch(ctx, batch)) {
          out.push(o);
          onOutcome?.(o, out.length, jobs.length, worker);
        }
      }
    };
    // Every worker's current batch is awaited, so the next sweep never finds a thread still busy with this one.
    const results = await Promise.allSettled(slots.map((s, i) => drive(s, i).catch((err: unknown) => (queue.stop(), Promise.reject(err)))));
    signal?.removeEventListener('abort', stop);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) {
      const why = failed.reason instanceof Error ? failed.reason.message : String(failed.reason);
      throw new SweepWorkerError(`Sweep stopped: ${why}${this.closed ? '' : '; a new worker takes its place'}`, { cause: failed.reason });
    }
    if (signal?.aborted) throw new BacktestCancelled();
    return out.sort((a, b) => a.index - b.index);
  }

  private share(series: CandleSeries): SharedSeries {
    let shared = this.shared.get(series);
    if (!shared) this.shared.set(series, (shared = shareSeries(series)));
    return shared;
  }
}

/** 0 workers runs the jobs in this thread (no worker startup; used where worker threads are unavailable). */
function inProcessRunner(series: CandleSeries, base: SweepBase): JobRunner {
  const lines = new LineMemo();
  return {
    async run(jobs, onOutcome, signal) {
      const out: SweepOutcome[] = [];
      for (const job of jobs) {
        if (signal?.aborted) throw new BacktestCancelled();
        out.push(await runSweepJob(series, base, job, lines));
        onOutcome?.(out[out.length - 1], out.length, jobs.length, 0);
      }
      return out.sort((a, b) => a.index - b.index);
    },
    close: async () => {},
  };
}

/** A runner on the given pool (kept open), or on a pool of its own that closing the runner terminates. */
export async function startJobRunner(series: CandleSeries, base: SweepBase, workers: number, pool?: SweepPool): Promise<JobRunner> {
  if (checkWorkers(workers) === 0) return inProcessRunner(series, base);
  if (pool) return pool.bind(series, base, workers);
  const own = new SweepPool(workers);
  try {
    await own.warm(false);
  } catch (err) {
    await own.close();
    throw err;
  }
  return { run: own.bind(series, base).run, close: () => own.close() };
}
