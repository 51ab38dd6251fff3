// How the sweep pool hands out jobs (shrinking batches, each job once, in grid order) and what it accepts from a worker.
import { describe, expect, it } from 'vitest';
import { BatchQueue } from '../../../electron/engine/backtest/pool-batches';
import { isFromWorker, isToWorker } from '../../../electron/engine/backtest/sweep-protocol';

const jobs = (n: number) => Array.from({ length: n }, (_, index) => ({ index, params: { fast: index } }));

describe('BatchQueue', () => {
  it('hands out every job once, in order, in batches that shrink to one', () => {
    const q = new BatchQueue(jobs(100), 2);
    const sizes: number[] = [];
    const seen: number[] = [];
    for (let b = q.take(); b; b = q.take()) {
      sizes.push(b.length);
      seen.push(...b.map((j) => j.index));
    }
    expect(seen).toEqual(jobs(100).map((j) => j.index));
    expect(sizes[0]).toBe(13);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(sizes.slice(-4)).toEqual([1, 1, 1, 1]);
    expect(sizes.length).toBeLessThan(50);
  });

  it('hands out nothing more once stopped', () => {
    const q = new BatchQueue(jobs(10), 2);
    q.take();
    q.stop();
    expect(q.take()).toBeUndefined();
  });
});

describe('sweep worker messages', () => {
  it('accepts well-formed replies and refuses anything else', () => {
    expect(isFromWorker({ type: 'ready' })).toBe(true);
    expect(isFromWorker({ type: 'done', seq: 1, outcomes: [{ index: 0, params: {}, skipped: 'fast ≥ slow' }] })).toBe(true);
    expect(isFromWorker({ type: 'failed', seq: 2, error: 'no candles' })).toBe(true);
    expect(isFromWorker({ type: 'done', seq: 1, outcomes: [{ index: 0, params: {} }] })).toBe(false);
    expect(isFromWorker({ type: 'done', seq: '1', outcomes: [] })).toBe(false);
    expect(isFromWorker({ index: 0, params: {}, stats: {} })).toBe(false);
    expect(isFromWorker(null)).toBe(false);
  });

  it('accepts well-formed requests and refuses anything else', () => {
    expect(isToWorker({ type: 'batch', seq: 1, context: 1, jobs: jobs(2) })).toBe(true);
    expect(isToWorker({ type: 'release', id: 1 })).toBe(true);
    expect(isToWorker({ type: 'batch', seq: 1, context: 1, jobs: [{ params: {} }] })).toBe(false);
    expect(isToWorker({ type: 'context', id: 1, series: { close: new ArrayBuffer(8) }, base: {} })).toBe(false);
  });
});
