// Repeated identical warnings: a few per window are logged, the rest counted and reported once the window rolls over.
import { describe, expect, it } from 'vitest';
import { LogThrottle } from '../../../electron/engine/log/throttle';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

describe('LogThrottle', () => {
  it('logs the first perWindow occurrences of a key, then drops and counts the rest', () => {
    const c = clock();
    const throttle = new LogThrottle({ perWindow: 3, windowMs: 1_000, now: c.now });
    const results = Array.from({ length: 10 }, () => throttle.admit('bad token'));
    expect(results.slice(0, 3)).toEqual(Array(3).fill({ log: true, suppressed: 0 }));
    expect(results.slice(3)).toEqual(Array(7).fill({ log: false, suppressed: 0 }));
  });

  it('reports how many were dropped on the first line after the window rolls over, once', () => {
    const c = clock();
    const throttle = new LogThrottle({ perWindow: 2, windowMs: 1_000, now: c.now });
    for (let i = 0; i < 12; i++) throttle.admit('k');
    c.advance(999);
    expect(throttle.admit('k')).toEqual({ log: false, suppressed: 0 });
    c.advance(1);
    expect(throttle.admit('k')).toEqual({ log: true, suppressed: 11 });
    expect(throttle.admit('k')).toEqual({ log: true, suppressed: 0 });
    expect(throttle.admit('k')).toEqual({ log: false, suppressed: 0 });
    c.advance(5_000);
    expect(throttle.admit('k')).toEqual({ log: true, suppressed: 1 });
  });

  it('reports nothing suppressed when a window stayed under the limit', () => {
    const c = clock();
    const throttle = new LogThrottle({ perWindow: 5, windowMs: 1_000, now: c.now });
    throttle.admit('k');
    c.advance(1_000);
    expect(throttle.admit('k')).toEqual({ log: true, suppressed: 0 });
  });

  it('counts each key separately', () => {
    const c = clock();
    const throttle = new LogThrottle({ perWindow: 1, windowMs: 1_000, now: c.now });
    expect(throttle.admit('a').log).toBe(true);
    expect(throttle.admit('a').log).toBe(false);
    expect(throttle.admit('b').log).toBe(true);
  });

  it('uses 5 per 10 seconds by default', () => {
    const c = clock();
    const throttle = new LogThrottle({ now: c.now });
    expect(Array.from({ length: 6 }, () => throttle.admit('k').log)).toEqual([true, true, true, true, true, false]);
    c.advance(9_999);
    expect(throttle.admit('k').log).toBe(false);
    c.advance(1);
    expect(throttle.admit('k')).toEqual({ log: true, suppressed: 2 });
  });

  it('keeps at most 1,000 keys, forgetting the oldest', () => {
    const c = clock();
    const throttle = new LogThrottle({ perWindow: 1, windowMs: 60_000, now: c.now });
    throttle.admit('oldest');
    expect(throttle.admit('oldest').log).toBe(false);
    for (let i = 0; i < 5_000; i++) throttle.admit(`origin not allowed: http://evil-${i}.example`);
    expect(throttle.size).toBeLessThanOrEqual(1_000);
    // Forgotten, so it is logged again as if new.
    expect(throttle.admit('oldest')).toEqual({ log: true, suppressed: 0 });
  });
});
