// The panel computes its columns window by window, carrying indicator state across window edges. Windows of any size
// must give every indicator value of the batch functions bit for bit, and the panel the same decisions (votes, reasons,
// every number) as one window over the whole series, in loop order and in any order of bars.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AgentPanel, ColumnCache } from '../../../electron/engine/agents';
import {
  adxColumns, atrColumn, bbandsColumns, donchianColumns, emaColumn, macdHistColumn, obvColumn, rocColumn, rsiColumn, smaColumn,
  volumeSmaColumn,
} from '../../../electron/engine/agents/indicator-columns';
import { adx, atr, bbands, donchian, ema, macd, obv, roc, rsi, sma } from '../../../electron/engine/indicators';
import type { CandleSeries } from '../../../electron/engine/model/candle-series';
import type { Position } from '../../../electron/engine/model/order';
import { arbitraryCandles } from '../../support/arbitrary-candles';
import { arbitraryWalk } from './arbitrary-walk';
import { SMALL } from './small-settings';

const period = fc.integer({ min: 1, max: 12 });
const params = fc.record({
  p: period,
  q: period,
  fast: fc.integer({ min: 1, max: 6 }),
  slowExtra: fc.integer({ min: 0, max: 6 }),
  signal: fc.integer({ min: 1, max: 5 }),
  stdDev: fc.double({ min: 0.5, max: 3, noNaN: true }),
});
type Params = typeof params extends fc.Arbitrary<infer T> ? T : never;

/** Every panel indicator, read window by window and joined back into whole columns. */
function windowed(series: CandleSeries, capacity: number, x: Params): Record<string, Float64Array> {
  const cache = new ColumnCache(series, capacity);
  const macdParams = { fastPeriod: x.fast, slowPeriod: x.fast + x.slowExtra, signalPeriod: x.signal };
  const read = (): Record<string, Float64Array> => {
    const bands = bbandsColumns(cache, { period: x.p, stdDev: x.stdDev });
    const channel = donchianColumns(cache, x.q);
    const dmi = adxColumns(cache, x.p);
    return {
      rsi: rsiColumn(cache, x.p), ema: emaColumn(cache, x.q), sma: smaColumn(cache, x.p), volumeSma: volumeSmaColumn(cache, x.q),
      roc: rocColumn(cache, x.q), atr: atrColumn(cache, x.q), obv: obvColumn(cache), hist: macdHistColumn(cache, macdParams),
      upper: bands.upper, middle: bands.middle, lower: bands.lower, donchianHigh: channel.upper, donchianLow: channel.lower,
      adx: dmi.adx, plusDI: dmi.plusDI, minusDI: dmi.minusDI,
    };
  };
  const out: Record<string, Float64Array> = {};
  do {
    for (const [key, column] of Object.entries(read())) {
      out[key] ??= new Float64Array(series.length);
      out[key].set(column.subarray(0, cache.length), cache.from);
    }
  } while (cache.next());
  return out;
}

function batch(s: CandleSeries, x: Params): Record<string, Float64Array> {
  const bands = bbands(s.close, { period: x.p, stdDev: x.stdDev });
  const channel = donchian(s.high, s.low, x.q);
  const dmi = adx(s.high, s.low, s.close, x.p);
  return {
    rsi: rsi(s.close, x.p), ema: ema(s.close, x.q), sma: sma(s.close, x.p), volumeSma: sma(s.volume, x.q), roc: roc(s.close, x.q),
    atr: atr(s.high, s.low, s.close, x.q), obv: obv(s.close, s.volume),
    hist: macd(s.close, { fastPeriod: x.fast, slowPeriod: x.fast + x.slowExtra, signalPeriod: x.signal }).hist,
    upper: bands.upper, middle: bands.middle, lower: bands.lower, donchianHigh: channel.upper, donchianLow: channel.lower,
    adx: dmi.adx, plusDI: dmi.plusDI, minusDI: dmi.minusDI,
  };
}

/** First value whose bits differ (NaN equals NaN, +0 differs from -0). */
function firstDifference(got: Record<string, Float64Array>, want: Record<string, Float64Array>): string | undefined {
  for (const [key, column] of Object.entries(want)) {
    for (let i = 0; i < column.length; i++) {
      if (!Object.is(got[key][i], column[i])) return `${key}[${i}]: windows ${got[key][i]}, batch ${column[i]}`;
    }
  }
  return undefined;
}

const panelOf = (windowBars: number, rewindWholeBars?: number) => new AgentPanel({ settings: SMALL, windowBars, rewindWholeBars });
const ctx = (series: CandleSeries, index: number, position: Position | undefined, holdReasons: boolean) =>
  ({ index, series, symbol: 'T/USDT', position, equity: 1, cash: 1, holdReasons });

describe('panel columns in windows', () => {
  it('equal the batch indicators bit for bit, whatever the window size', () => {
    fc.assert(
      fc.property(arbitraryCandles({ minLength: 1, maxLength: 120 }), fc.integer({ min: 1, max: 40 }), params, (series, capacity, x) => {
        expect(firstDifference(windowed(series, capacity, x), batch(series, x))).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('give the decisions of one window over the whole series, bar after bar with a position', () => {
    fc.assert(
      fc.property(arbitraryWalk(), fc.integer({ min: 1, max: 30 }), fc.boolean(), (series, windowBars, holdReasons) => {
        const windows = panelOf(windowBars);
        const whole = panelOf(series.length);
        windows.prepare(series);
        whole.prepare(series);
        let position: Position | undefined;
        for (let i = 0; i < series.length; i++) {
          const d = windows.decide(ctx(series, i, position, holdReasons));
          expect(d).toEqual(whole.decide(ctx(series, i, position, holdReasons)));
          if (d.action === 'buy') position = { symbol: 'T/USDT', size: 1, entryPrice: 1, openedAt: 0 };
          if (d.action === 'exit') position = undefined;
        }
      }),
      { numRuns: 100 },
    );
  });

  it('give the same decisions when bars are opened in any order (a trader clicking through a stored run)', () => {
    fc.assert(
      fc.property(arbitraryWalk(), fc.integer({ min: 1, max: 30 }), fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), fc.boolean(), (series, windowBars, picks, rewindWhole) => {
        // Steps back compute the whole series (short runs) or walk again from bar 0 in windows (years of 1m).
        const windows = panelOf(windowBars, rewindWhole ? undefined : 0);
        const whole = panelOf(series.length);
        windows.prepare(series);
        whole.prepare(series);
        for (const pick of picks) {
          const i = pick % series.length;
          expect(windows.decide(ctx(series, i, undefined, true))).toEqual(whole.decide(ctx(series, i, undefined, true)));
        }
      }),
      { numRuns: 100 },
    );
  });
});
