// A pool of sweep workers sharing one copy of the candles; jobs are handed out one at a time to whichever is free.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { ConfigError } from '../errors';
import type { CandleSeries } from '../model/candle-series';
import { shareSeries } from './shared-series';
import { runSweepJob, type SweepBase, type SweepJob, type SweepOutcome } from './sweep-job';
import { startWorker } from './ts-worker';

export type OnOutcome = (outcome: SweepOutcome, done: number, total: number) => void;

export interface JobRunner {
  run(jobs: readonly SweepJob[], onOutcome?: OnOutcome): Promise<SweepOutcome[]>;
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

/** 0 workers runs the jobs in this thread (no worker startup; used where worker threads are unavailable). */
export async function startJobRunner(series: CandleSeries, base: SweepBase, workers: number): Promise<JobRunner> {
  checkWorkers(workers);
  if (workers === 0) return inProcessRunner(series, base);
  const shared = shareSeries(series);
  const started = Array.from({ length: workers }, () => startWorker(new URL('./sweep-worker.ts', import.meta.url), { series: shared, base }));
  await Promise.all(started.map(ready));
  return new WorkerPool(started);
}

function ready(w: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    w.once('message', () => resolve());
    w.once('error', reject);
  });
}

function inProcessRunner(series: CandleSeries, base: SweepBase): JobRunner {
  return {
    async run(jobs, onOutcome) {
      const out: SweepOutcome[] = [];
      for (const job of jobs) {
        out.push(await runSweepJob(series, base, job));
        onOutcome?.(out[out.length - 1], out.length, jobs.length);
      }
      return out.sort((a, b) => a.index - b.index);
    },
    close: async () => {},
  };
}

class WorkerPool implements JobRunner {
  constructor(private readonly workers: Worker[]) {}

  run(jobs: readonly SweepJob[], onOutcome?: OnOutcome): Promise<SweepOutcome[]> {
    const out: SweepOutcome[] = [];
    let next = 0;
    return new Promise((resolve, reject) => {
      if (jobs.length === 0) return resolve(out);
      const cleanup = () => this.workers.forEach((w) => w.removeAllListeners('message').removeAllListeners('error'));
      const feed = (w: Worker) => {
        if (next < jobs.length) w.postMessage(jobs[next++]);
      };
      for (const w of this.workers) {
        w.on('message', (o: SweepOutcome) => {
          out.push(o);
          onOutcome?.(o, out.length, jobs.length);
          if (out.length === jobs.length) {
            cleanup();
            resolve(out.sort((a, b) => a.index - b.index));
          } else feed(w);
        });
        w.on('error', (err) => {
          cleanup();
          reject(err);
        });
        feed(w);
      }
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
