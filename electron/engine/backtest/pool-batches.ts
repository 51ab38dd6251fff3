// Hands a sweep's jobs out in shrinking batches (guided self-scheduling): big batches early save messages, batches of
// one at the end let every worker finish at about the same time even though combinations differ a lot in cost.
import type { SweepJob } from './sweep-job';

/** Each batch is at most this share of what is left per worker, so the last jobs are spread thin. */
const SHARE = 4;

export class BatchQueue {
  private next = 0;
  private stopped = false;

  constructor(
    private readonly jobs: readonly SweepJob[],
    private readonly workers: number,
    /** The largest batch handed out (a cancellable sweep keeps them small). */
    private readonly maxBatch = Infinity,
  ) {}

  /** The next batch, or undefined when all are handed out or the sweep was stopped. */
  take(): SweepJob[] | undefined {
    const left = this.jobs.length - this.next;
    if (this.stopped || left <= 0) return undefined;
    const size = Math.max(1, Math.min(this.maxBatch, Math.ceil(left / (this.workers * SHARE))));
    return this.jobs.slice(this.next, (this.next += size));
  }

  /** After a failure: nothing more is handed out; batches already running finish. */
  stop(): void {
    this.stopped = true;
  }
}
