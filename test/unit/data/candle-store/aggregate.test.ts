// The store's block-by-block aggregation (what the chart opens years of 1m with) equals resampling the loaded series,
// for any range and block size, with gaps: the streaming reducer must not differ from the one-pass resample.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CandleStore } from '../../../../electron/engine/data/candle-store';
import { BarAggregator, resample } from '../../../../electron/engine/data/resample';
import { allocateSeries, sliceSeries } from '../../../../electron/engine/model/candle-series';
import { openStore } from '../../../../electron/engine/store/database';

const M = 60_000;
const KEY = { exchange: 'test', symbol: 'AGG/USDT', timeframe: '1m' } as const;

/** 1m bars with random gaps and prices. */
function gappy(seed: number, n: number) {
  const s = allocateSeries(n);
  let t = Date.UTC(2024, 0, 1) + (seed % 97) * M;
  let x = seed;
  const rnd = () => ((x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  for (let i = 0; i < n; i++) {
    t += M * (rnd() < 0.05 ? 1 + Math.floor(rnd() * 300) : 1);
    const c = 100 + 10 * rnd();
    [s.time[i], s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i]] = [t, c - rnd(), c + rnd(), c - 1 - rnd(), c, rnd() * 10];
  }
  return s;
}

describe('candle aggregation for the chart', () => {
  it('BarAggregator fed in any pieces equals one resample', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), fc.array(fc.integer({ min: 0, max: 2_000 }), { maxLength: 6 }), (seed, cuts) => {
      const s = gappy(seed, 2_000);
      const points = [0, ...cuts.sort((a, b) => a - b), s.length];
      const agg = new BarAggregator(15 * M, 1);
      for (let k = 1; k < points.length; k++) agg.add(sliceSeries(s, points[k - 1], points[k]));
      expect(agg.result()).toEqual(resample(s, '1m', '15m'));
    }), { numRuns: 100 });
  });

  it('CandleStore.aggregate over small blocks equals resampling the loaded range, counting the source bars', () => {
    const { db } = openStore(':memory:');
    const store = new CandleStore(db, { blockBars: 512 });
    const s = gappy(7, 20_000);
    store.write(KEY, s);
    fc.assert(fc.property(fc.integer({ min: 0, max: 19_999 }), fc.integer({ min: 0, max: 19_999 }), fc.constantFrom('5m', '1h', '4h', '1d' as const), (a, b, tf) => {
      const range = { from: s.time[Math.min(a, b)], to: s.time[Math.max(a, b)] };
      const loaded = store.load(KEY, range);
      const { series, bars } = store.aggregate(KEY, tf, range);
      expect(bars).toBe(loaded.length);
      expect(series).toEqual(resample(loaded, '1m', tf));
    }), { numRuns: 60 });
    expect(() => store.aggregate(KEY, '1M')).toThrow(/calendar months/);
    db.close();
  });
});
