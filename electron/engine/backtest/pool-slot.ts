// One worker thread of the sweep pool: sends it contexts and batches, matches replies by sequence number, and turns
// a crash (uncaught error, exit, a reply that breaks the protocol) into a clear error for every batch it still owed.
import type { Worker } from 'node:worker_threads';
import type { SharedSeries } from './shared-series';
import type { SweepBase, SweepJob, SweepOutcome } from './sweep-job';
import { isFromWorker, type ToWorker } from './sweep-protocol';

/** What a sweep's batches run against; sent to a worker only when it does not hold it yet. */
export interface SweepContext {
  id: number;
  series: SharedSeries;
  base: SweepBase;
}

export class SweepWorkerError extends Error {
  override name = 'SweepWorkerError';
}

interface Pending {
  resolve(outcomes: SweepOutcome[]): void;
  reject(err: Error): void;
}

export class WorkerSlot {
  /** Resolves on the worker's first message; rejects if it dies before. */
  readonly ready: Promise<void>;
  /** True once the worker said it is ready (a worker that dies before that is not restarted: it would die again). */
  started = false;
  /** True once the thread has exited (crashed or terminated). */
  exited = false;
  private context?: number;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private failure?: Error;

  constructor(
    private readonly worker: Worker,
    readonly name: string,
    onExit: (slot: WorkerSlot) => void,
  ) {
    this.ready = new Promise((resolve, reject) => {
      worker.on('message', (m: unknown) => {
        if (!isFromWorker(m)) return this.fail(new SweepWorkerError(`${name} sent a malformed reply`));
        if (m.type === 'ready') return ((this.started = true), resolve());
        const p = this.pending.get(m.seq);
        this.pending.delete(m.seq);
        if (this.pending.size === 0) worker.unref();
        if (m.type === 'done') p?.resolve(m.outcomes);
        else p?.reject(new SweepWorkerError(`${name}: ${m.error}`));
      });
      worker.on('error', (err) => (this.failure ??= new SweepWorkerError(`${name} crashed: ${err.message}`)));
      worker.once('exit', (code) => {
        this.exited = true;
        const err = this.failure ?? new SweepWorkerError(`${name} exited (code ${code})`);
        reject(err);
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
        onExit(this);
      });
    });
    // Only a worker with work keeps the process alive: an idle warm pool must not hold up an exiting CLI or app.
    this.ready.then(() => worker.unref(), () => {});
  }

  runBatch(ctx: SweepContext, jobs: SweepJob[]): Promise<SweepOutcome[]> {
    if (this.exited) return Promise.reject(this.failure ?? new SweepWorkerError(`${this.name} is not running`));
    if (this.context !== ctx.id) this.post({ type: 'context', id: ctx.id, series: ctx.series, base: ctx.base });
    this.context = ctx.id;
    const seq = ++this.seq;
    this.worker.ref();
    this.post({ type: 'batch', seq, context: ctx.id, jobs });
    return new Promise((resolve, reject) => this.pending.set(seq, { resolve, reject }));
  }

  release(id: number): void {
    if (this.context !== id || this.exited) return;
    this.context = undefined;
    this.post({ type: 'release', id });
  }

  /** Terminates the thread; `reason` is what batches still waiting on it are told. */
  terminate(reason: string): Promise<void> {
    this.failure ??= new SweepWorkerError(reason);
    return this.worker.terminate().then(() => {});
  }

  private fail(err: Error): void {
    this.failure ??= err;
    void this.worker.terminate();
  }

  private post(m: ToWorker): void {
    this.worker.postMessage(m);
  }
}
