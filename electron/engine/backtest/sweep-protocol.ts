// Messages between the sweep pool and its worker threads. Types do not cross a thread boundary, so each side checks
// what it receives and treats anything else as a broken worker rather than guessing.
import type { SharedSeries } from './shared-series';
import type { SweepBase, SweepJob, SweepOutcome } from './sweep-job';

/** Pool → worker. A context (series + run options) is sent once per worker and sweep; batches name it by id. */
export type ToWorker =
  | { type: 'context'; id: number; series: SharedSeries; base: SweepBase }
  | { type: 'batch'; seq: number; context: number; jobs: SweepJob[] }
  /** The sweep is over: drop the series so an idle worker does not keep it alive. */
  | { type: 'release'; id: number };

/** Worker → pool. Replies carry the batch's sequence number; a worker runs its batches in arrival order. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'done'; seq: number; outcomes: SweepOutcome[] }
  /** The batch could not run at all (not a failed combination: those are outcomes with `error`). */
  | { type: 'failed'; seq: number; error: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isInt = (v: unknown): v is number => Number.isInteger(v);

function isOutcome(v: unknown): v is SweepOutcome {
  if (!isObject(v) || !isInt(v.index) || !isObject(v.params)) return false;
  return isObject(v.stats) || typeof v.skipped === 'string' || typeof v.error === 'string';
}

function isJob(v: unknown): v is SweepJob {
  return isObject(v) && isInt(v.index) && isObject(v.params) && (v.from === undefined || typeof v.from === 'number') && (v.to === undefined || typeof v.to === 'number');
}

export function isFromWorker(m: unknown): m is FromWorker {
  if (!isObject(m)) return false;
  if (m.type === 'ready') return true;
  if (m.type === 'done') return isInt(m.seq) && Array.isArray(m.outcomes) && m.outcomes.every(isOutcome);
  return m.type === 'failed' && isInt(m.seq) && typeof m.error === 'string';
}

export function isToWorker(m: unknown): m is ToWorker {
  if (!isObject(m)) return false;
  if (m.type === 'context') return isInt(m.id) && isObject(m.series) && m.series.close instanceof SharedArrayBuffer && isObject(m.base);
  if (m.type === 'batch') return isInt(m.seq) && isInt(m.context) && Array.isArray(m.jobs) && m.jobs.every(isJob);
  return m.type === 'release' && isInt(m.id);
}
