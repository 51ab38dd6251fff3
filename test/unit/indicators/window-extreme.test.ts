// The monotonic deque must equal a brute-force window max/min for any input, including ties and window 1.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WindowExtreme } from '../../../electron/engine/indicators/window-extreme';

describe('WindowExtreme', () => {
  it('equals brute force', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 200 }), fc.integer({ min: 1, max: 12 }), fc.boolean(), (xs, w, wantMax) => {
        const deque = new WindowExtreme(w, wantMax);
        xs.forEach((x, i) => {
          const window = xs.slice(Math.max(0, i - w + 1), i + 1);
          expect(deque.push(x)).toBe(wantMax ? Math.max(...window) : Math.min(...window));
        });
      }),
    );
  });
});
