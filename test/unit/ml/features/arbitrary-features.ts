// fast-check inputs for the feature pipeline: random-walk candles (flat bars, zero volume, price gaps) re-timed with
// random time gaps (a minute to several days, so VWAP sessions and calendar features change unevenly), plus optional
// taker-buy volume and trade counts; and helpers to run the streaming form and compare rows bit for bit.
import fc from 'fast-check';
import { candleAt, type CandleSeries } from '../../../../electron/engine/model/candle-series';
import { FeatureStream, type FeatureExtra, type FeatureMatrix, type SchemaOptions } from '../../../../electron/engine/ml/features';
import { arbitraryCandles } from '../../../support/arbitrary-candles';

const MINUTE = 60_000;
/** Steps between bar open times: mostly regular, sometimes a gap across sessions or a weekend. */
const timeStep = fc.oneof(
  { weight: 8, arbitrary: fc.constant(MINUTE) },
  { weight: 1, arbitrary: fc.integer({ min: 2, max: 600 }).map((m) => m * MINUTE) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }).map((d) => d * 86_400_000 + MINUTE) },
);

export interface FeatureCase {
  series: CandleSeries;
  extra: FeatureExtra;
}

/** Long enough (by default) for every default feature to warm up (the 200-bar EMA is the longest). */
export function arbitraryFeatureCase(minLength = 0, maxLength = 450): fc.Arbitrary<FeatureCase> {
  return arbitraryCandles({ minLength, maxLength, flatOneIn: 6 }).chain((series) =>
    fc
      .record({
        start: fc.integer({ min: 1_500_000_000, max: 1_800_000_000 }).map((s) => s * 1000),
        steps: fc.array(timeStep, { minLength: series.length, maxLength: series.length }),
        takerShare: fc.array(fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: series.length,
          maxLength: series.length,
        }),
        trades: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000 })), { minLength: series.length, maxLength: series.length }),
      })
      .map(({ start, steps, takerShare, trades }) => {
        // A copy: fast-check may map the same generated series again while shrinking.
        const timed = { ...series, time: new Float64Array(series.length) };
        let t = start;
        for (let i = 0; i < series.length; i++) {
          timed.time[i] = t;
          t += steps[i];
        }
        return {
          series: timed,
          extra: {
            takerBuyVolume: Float64Array.from(takerShare, (share, i) => share * series.volume[i]),
            trades: Float64Array.from(trades),
          },
        };
      }),
  );
}

/** Stream rows for every bar, the extra fields attached when the schema expects them. */
export function streamRows(series: CandleSeries, extra: FeatureExtra, options: SchemaOptions = {}): Float32Array[] {
  const stream = new FeatureStream(options);
  const rows: Float32Array[] = [];
  for (let i = 0; i < series.length; i++) {
    rows.push(stream.update({ ...candleAt(series, i), takerBuyVolume: extra.takerBuyVolume?.[i], trades: extra.trades?.[i] }));
  }
  return rows;
}

/** Same float32 bits (any NaN equals any NaN; +0 and −0 differ). */
export function sameBits(a: number, b: number): boolean {
  return Number.isNaN(a) ? Number.isNaN(b) : Object.is(a, b);
}

/** The first cell of rows 0..last where two matrices differ, named; undefined when none does. */
export function firstRowDifference(m: FeatureMatrix, rowOf: (r: number) => ArrayLike<number>, last = m.rows - 1): string | undefined {
  for (let r = 0; r <= last; r++) {
    const row = rowOf(r);
    for (let c = 0; c < m.cols; c++) {
      const want = m.values[r * m.cols + c];
      if (!sameBits(want, row[c])) return `row ${r} ${m.names[c]}: batch ${want}, other ${row[c]}`;
    }
  }
  return undefined;
}

export function matrixRow(m: FeatureMatrix, r: number): Float32Array {
  return m.values.subarray(r * m.cols, (r + 1) * m.cols);
}
