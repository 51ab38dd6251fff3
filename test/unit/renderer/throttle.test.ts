// The pages' throttle for streamed updates: the first call runs at once, a burst collapses into one more run at the end
// of the interval, a slow run is never overlapped, and the last call always runs.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from '../../../renderer/src/state/throttle';

describe('throttle', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('runs the first call at once and a burst once more at the end of the interval', async () => {
    let runs = 0;
    const call = throttle(async () => { runs++; }, 200);
    call();
    expect(runs).toBe(1);
    for (let i = 0; i < 10; i++) { await vi.advanceTimersByTimeAsync(15); call(); }
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(runs).toBe(2);
    // Quiet: nothing more runs; the next call after a quiet interval runs at once.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(2);
    call();
    expect(runs).toBe(3);
  });

  it('never overlaps a run still going, and runs the last call once it is done', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const call = throttle(async () => {
      runs++;
      most = Math.max(most, ++running);
      await new Promise((done) => setTimeout(done, 500));
      running--;
    }, 100);
    call();
    await vi.advanceTimersByTimeAsync(150);
    call();
    await vi.advanceTimersByTimeAsync(300);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(2);
    expect(most).toBe(1);
  });
});
