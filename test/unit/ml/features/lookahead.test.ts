// NO LOOK-AHEAD: replacing every bar after t with garbage must not change a single feature value in rows 0..t of the
// batch matrix. computeFeatures sees the whole garbage-tailed series, so a centred window, a whole-series
// normalisation or an indicator reading bar i+1 would change some row ≤ t and fail here.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { allocateSeries, type CandleSeries } from '../../../../electron/engine/model/candle-series';
import { computeFeatures, type FeatureExtra, type FeatureMatrix } from '../../../../electron/engine/ml/features';
import { mulberry32 } from '../../../emulator/candles';
import { hasSharedData, SHARED_SKIP_REASON, sharedPath } from '../../../shared-data';
import { readBinanceCsv } from '../../../support/binance-csv';
import { arbitraryFeatureCase, firstRowDifference, matrixRow } from './arbitrary-features';
import { readBinanceExtra } from './binance-extra';

/** A copy whose bars after t are valid-looking random garbage (or extremes: tiny and huge prices, 0 and 1e15 volume). */
function garbageAfter(src: CandleSeries, extra: FeatureExtra, t: number, seed: number, extreme: boolean) {
  const s = allocateSeries(src.length);
  for (const key of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) s[key].set(src[key]);
  const taker = extra.takerBuyVolume?.slice();
  const trades = extra.trades?.slice();
  const rand = mulberry32(seed);
  for (let i = t + 1; i < s.length; i++) {
    const base = extreme ? (rand() < 0.5 ? 1e-6 : 1e9) : 100 + rand() * 100_000;
    s.open[i] = base * (0.5 + rand());
    s.close[i] = base * (0.5 + rand());
    s.high[i] = Math.max(s.open[i], s.close[i]) * (1 + rand());
    s.low[i] = Math.min(s.open[i], s.close[i]) * (1 - rand() * 0.9);
    s.volume[i] = extreme ? (rand() < 0.5 ? 0 : 1e15) : rand() * 1e6;
    if (taker) taker[i] = s.volume[i] * rand();
    if (trades) trades[i] = extreme ? 1e9 : Math.floor(rand() * 1000);
  }
  return { series: s, extra: { takerBuyVolume: taker, trades } };
}

function checkCut(series: CandleSeries, extra: FeatureExtra, t: number, seed: number, clean = computeFeatures(series, { extra })): void {
  for (const extreme of [false, true]) {
    const dirty = garbageAfter(series, extra, t, seed, extreme);
    const got = computeFeatures(dirty.series, { extra: dirty.extra });
    expect(firstRowDifference(clean, (r) => matrixRow(got, r), t)).toBeUndefined();
  }
}

describe('features: no look-ahead', () => {
  it('random series: rows up to t ignore every bar after t', () => {
    fc.assert(
      fc.property(arbitraryFeatureCase(2, 400), fc.nat(), fc.nat(), ({ series, extra }, cut, seed) => {
        checkCut(series, extra, cut % (series.length - 1), seed);
      }),
      { numRuns: 60 },
    );
  });

  it('the garbage does change later rows (the test can fail)', () => {
    const [{ series, extra }] = fc.sample(arbitraryFeatureCase(400, 400), { numRuns: 1, seed: 7 });
    const t = 250;
    const clean = computeFeatures(series, { extra });
    const dirty = garbageAfter(series, extra, t, 1, false);
    const got = computeFeatures(dirty.series, { extra: dirty.extra });
    expect(firstRowDifference(clean, (r) => matrixRow(got, r))).toMatch(/^row 251 /);
  });

  describe.skipIf(!hasSharedData)(hasSharedData ? 'real FIL/USDT 1m' : SHARED_SKIP_REASON, () => {
    let series: CandleSeries;
    let extra: FeatureExtra;
    let clean: FeatureMatrix;

    beforeAll(() => {
      const path = sharedPath('data', 'isda-binance-1m', 'FILUSDT-1m-2023-08.csv');
      series = readBinanceCsv(path);
      extra = readBinanceExtra(path);
      clean = computeFeatures(series, { extra });
    });

    // Right after the longest warm-up, inside it, and a few fixed-seed picks across the month.
    it.each([0, 120, 199, 200, 5_000, 20_000, 44_000])('rows up to t=%i ignore the future', (t) => {
      checkCut(series, extra, t, t + 1, clean);
    });
  });
});
