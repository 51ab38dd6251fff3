// Resampling aggregates into UTC-aligned buckets; gap finding names every run of missing bars.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { seriesFromCandles } from '../../../electron/engine/model/candle-series';
import { bucketCounts, resample } from '../../../electron/engine/data/resample';
import { findGaps } from '../../../electron/engine/data/gaps';
import { inferTimeframe } from '../../../electron/engine/data/timeframe-infer';
import { hasSharedData, sharedPath } from '../../shared-data';
import { drain } from './helpers';

const M = 60_000;
const bar = (time: number, o: number, h: number, l: number, c: number, v: number) => ({ time, open: o, high: h, low: l, close: c, volume: v });

describe('resample', () => {
  it('aggregates 1m into 5m buckets aligned to UTC, keeping partial edges and skipping empty buckets', () => {
    const s = seriesFromCandles([
      bar(3 * M, 10, 12, 9, 11, 1), // partial first bucket [0, 5m)
      bar(4 * M, 11, 13, 10, 12, 2),
      bar(5 * M, 12, 15, 11, 14, 3),
      bar(9 * M, 14, 14, 8, 9, 4),
      bar(20 * M, 9, 10, 9, 10, 5), // buckets 10m and 15m are empty
    ]);
    const r = resample(s, '1m', '5m');
    expect(r.length).toBe(3);
    expect(Array.from(r.time)).toEqual([0, 5 * M, 20 * M]);
    expect(Array.from(r.open)).toEqual([10, 12, 9]);
    expect(Array.from(r.high)).toEqual([13, 15, 10]);
    expect(Array.from(r.low)).toEqual([9, 8, 9]);
    expect(Array.from(r.close)).toEqual([12, 9, 10]);
    expect(Array.from(r.volume)).toEqual([3, 7, 5]);
    expect(Array.from(bucketCounts(s, '5m').count)).toEqual([2, 2, 1]);
  });

  it('rejects a target that is not a whole multiple of the source', () => {
    const s = seriesFromCandles([bar(0, 1, 1, 1, 1, 1)]);
    expect(() => resample(s, '1h', '5m')).toThrow(/multiple/);
    expect(() => resample(s, '3m', '5m')).toThrow(/multiple/);
  });

  it('preserves total volume and global extremes for any series', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 7 }), fc.double({ min: 1, max: 100, noNaN: true })), { minLength: 1, maxLength: 300 }), (steps) => {
        let t = 0;
        const s = seriesFromCandles(steps.map(([dt, p]) => bar((t += dt) * M, p, p + 1, p - 0.5, p, dt)));
        const r = resample(s, '1m', '15m');
        expect(r.volume.reduce((a, b) => a + b, 0)).toBe(steps.reduce((a, [dt]) => a + dt, 0));
        expect(Math.max(...r.high)).toBe(Math.max(...s.high));
        expect(Math.min(...r.low)).toBe(Math.min(...s.low));
        for (let i = 0; i < r.length; i++) expect(r.time[i] % (15 * M)).toBe(0);
      }),
    );
  });
});

describe.skipIf(!hasSharedData)('resample on real data', () => {
  it.each(['BTC', 'ETH'])('%s_USDT 5m resampled to 1h equals the 1h file on every complete hour', async (coin) => {
    const five = (await drain(sharedPath('data', 'Pr4v33n23-freqtrade', `${coin}_USDT-5m.json.gz`))).series;
    const hour = (await drain(sharedPath('data', 'Pr4v33n23-freqtrade', `${coin}_USDT-1h.json.gz`))).series;
    const r = resample(five, '5m', '1h');
    const counts = bucketCounts(five, '1h').count;
    const hourIndex = new Map(Array.from(hour.time, (t, i) => [t, i]));
    let compared = 0;
    for (let k = 0; k < r.length; k++) {
      const j = hourIndex.get(r.time[k]);
      if (counts[k] !== 12 || j === undefined) continue;
      compared++;
      expect([r.open[k], r.high[k], r.low[k], r.close[k]]).toEqual([hour.open[j], hour.high[j], hour.low[j], hour.close[j]]);
      expect(Math.abs(r.volume[k] - hour.volume[j])).toBeLessThanOrEqual(1e-9 * Math.max(1, hour.volume[j]));
    }
    expect(compared).toBeGreaterThan(5000);
  });
});

describe('findGaps and inferTimeframe', () => {
  it('names each run of missing bars', () => {
    const t = Float64Array.from([0, 1, 2, 5, 6, 10].map((m) => m * M));
    expect(findGaps(t, '1m')).toEqual([
      { from: 3 * M, to: 4 * M, bars: 2 },
      { from: 7 * M, to: 9 * M, bars: 3 },
    ]);
    expect(findGaps(Float64Array.from([0, M, 2 * M]), '1m')).toEqual([]);
  });

  it('ignores millisecond jitter (funding-rate timestamps)', () => {
    const h8 = 8 * 60 * M;
    const t = Float64Array.from([17, h8 + 4, 2 * h8 - 3, 4 * h8 + 11]);
    expect(findGaps(t, '8h')).toEqual([{ from: 2 * h8 - 3 + h8, to: 2 * h8 - 3 + h8, bars: 1 }]);
    expect(inferTimeframe(t)).toBe('8h');
  });

  it('infers from the most common spacing and gives up on non-timeframe spacing', () => {
    expect(inferTimeframe([0, 5 * M, 10 * M, 20 * M, 25 * M])).toBe('5m');
    expect(inferTimeframe([0, 31 * 1440 * M, 59 * 1440 * M, 90 * 1440 * M])).toBe('1M');
    expect(inferTimeframe([0, 45 * 1440 * M, 90 * 1440 * M])).toBeUndefined();
    expect(inferTimeframe([0])).toBeUndefined();
  });
});
