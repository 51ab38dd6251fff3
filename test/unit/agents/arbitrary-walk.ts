// fast-check random-walk candle series long enough (40–160 bars) to get every agent past warm-up.
import fc from 'fast-check';
import { allocateSeries, type CandleSeries } from '../../../electron/engine/model/candle-series';
import { HOUR } from './zigzag';

export function arbitraryWalk(minLength = 40, maxLength = 160): fc.Arbitrary<CandleSeries> {
  const step = fc.record({
    move: fc.double({ min: -0.05, max: 0.05, noNaN: true }),
    body: fc.double({ min: -0.03, max: 0.03, noNaN: true }),
    up: fc.double({ min: 0, max: 0.02, noNaN: true }),
    down: fc.double({ min: 0, max: 0.02, noNaN: true }),
    volume: fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 1e6, noNaN: true })),
    flat: fc.integer({ min: 0, max: 9 }).map((k) => k === 0),
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
