// fast-check generator of valid candle series (positive prices, high ≥ max(open, close), low ≤ min(open, close)):
// a random walk, so windows see trends, flat bars and reversals rather than pure noise.
import fc from 'fast-check';
import { allocateSeries, type CandleSeries } from '../../electron/engine/model/candle-series';

const HOUR = 3_600_000;

export interface WalkShape {
  minLength?: number;
  maxLength: number;
  /** One bar in `flatOneIn` is flat (open = close = the previous close); 2 by default. */
  flatOneIn?: number;
}

export function arbitraryCandles({ minLength = 0, maxLength, flatOneIn = 2 }: WalkShape): fc.Arbitrary<CandleSeries> {
  const step = fc.record({
    move: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
    body: fc.double({ min: -0.03, max: 0.03, noNaN: true }),
    up: fc.double({ min: 0, max: 0.02, noNaN: true }),
    down: fc.double({ min: 0, max: 0.02, noNaN: true }),
    volume: fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 1e6, noNaN: true })),
    flat: fc.integer({ min: 0, max: flatOneIn - 1 }).map((k) => k === 0),
  });
  return fc
    .tuple(fc.double({ min: 0.01, max: 1e5, noNaN: true }), fc.array(step, { minLength, maxLength, size: 'max' }))
    .map(([start, steps]) => {
      const s = allocateSeries(steps.length);
      let price = start;
      steps.forEach((st, i) => {
        const open = st.flat ? price : price * (1 + st.move);
        const close = st.flat ? price : open * (1 + st.body);
        s.time[i] = 1_700_000_000_000 + i * HOUR;
        s.open[i] = open;
        s.close[i] = close;
        s.high[i] = Math.max(open, close) * (1 + st.up);
        s.low[i] = Math.min(open, close) * (1 - st.down);
        s.volume[i] = st.volume;
        price = close;
      });
      return s;
    });
}
