// SortedWindow against a naive re-sort of the last N values: rank and median after every push.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortedWindow } from '../../../electron/engine/agents';

function naiveMedian(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

describe('SortedWindow', () => {
  it('matches a naive window on rank and median', () => {
    const value = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(NaN));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(value, { maxLength: 80 }), (cap, values) => {
        const w = new SortedWindow(cap);
        const held: number[] = [];
        for (const v of values) {
          w.push(v);
          if (!Number.isNaN(v)) {
            held.push(v);
            if (held.length > cap) held.shift();
          }
          expect(w.full).toBe(held.length === cap);
          if (held.length === 0) continue;
          expect(w.median()).toBe(naiveMedian(held));
          const probe = Number.isNaN(v) ? held[0] : v;
          expect(w.rank(probe)).toBe(held.filter((h) => h <= probe).length / held.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reports NaN while empty', () => {
    const w = new SortedWindow(3);
    expect(w.median()).toBeNaN();
    expect(w.rank(1)).toBeNaN();
  });
});
