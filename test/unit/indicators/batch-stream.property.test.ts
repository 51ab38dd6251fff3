// Batch and streaming forms must agree on every bar for every registered indicator (NaN where the other is NaN).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candleAt, type CandleSeries } from '../../../electron/engine/model/candle-series';
import { INDICATORS, type ParamValues } from '../../../electron/engine/indicators';
import { arbitrarySeries } from './arbitrary-candles';

function sameValue(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return a === b || Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
}

function firstDisagreement(name: string, series: CandleSeries, params: Partial<ParamValues>): string | undefined {
  const spec = INDICATORS[name];
  const batch = spec.batch(series, params);
  const stream = spec.stream(params);
  for (let i = 0; i < series.length; i++) {
    const live = stream.update(candleAt(series, i));
    for (const key of spec.outputs) {
      if (!sameValue(batch[key][i], live[key])) return `${key}[${i}] batch ${batch[key][i]} stream ${live[key]}`;
    }
  }
  return undefined;
}

/** Small periods so short random series get past warm-up often. */
const SMALL_PARAMS: Record<string, fc.Arbitrary<Partial<ParamValues>>> = {
  macd: fc
    .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 6 }))
    .map(([fast, extra, signal]) => ({ fastPeriod: fast, slowPeriod: fast + extra, signalPeriod: signal })),
  stoch: fc.record({ fastK: fc.integer({ min: 1, max: 10 }), slowK: fc.integer({ min: 1, max: 4 }), slowD: fc.integer({ min: 1, max: 4 }) }),
  bbands: fc.record({ period: fc.integer({ min: 1, max: 12 }), stdDev: fc.double({ min: 0.5, max: 3, noNaN: true }) }),
  keltner: fc.record({
    period: fc.integer({ min: 1, max: 12 }),
    atrPeriod: fc.integer({ min: 1, max: 12 }),
    multiplier: fc.double({ min: 0.5, max: 3, noNaN: true }),
  }),
  sar: fc.double({ min: 0.01, max: 0.1, noNaN: true }).map((a) => ({ acceleration: a, maximum: a * 10 })),
  vwap: fc.constantFrom(0, 1, 4, 24).map((h) => ({ sessionHours: h })),
  obv: fc.constant({}),
};
const periodOnly = fc.integer({ min: 1, max: 15 }).map((period) => ({ period }));

describe('batch and streaming agree', () => {
  it.each(Object.keys(INDICATORS))('%s', (name) => {
    fc.assert(
      fc.property(arbitrarySeries(), SMALL_PARAMS[name] ?? periodOnly, (series, params) => {
        expect(firstDisagreement(name, series, params)).toBeUndefined();
      }),
      { numRuns: 150 },
    );
  });

  it('agree with default params on a long series', () => {
    fc.assert(
      fc.property(arbitrarySeries(400), (series) => {
        for (const name of Object.keys(INDICATORS)) expect(firstDisagreement(name, series, {})).toBeUndefined();
      }),
      { numRuns: 20 },
    );
  });
});
