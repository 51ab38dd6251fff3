// A year of 1-minute bars goes through the batch form in seconds: guards against a feature turning O(n · window)
// or O(n²). bench-features.ts beside this file measures bigger runs (2.6 M rows) and peak memory.
import { describe, expect, it } from 'vitest';
import { candleAt } from '../../../../electron/engine/model/candle-series';
import { computeFeatures, FeatureStream } from '../../../../electron/engine/ml/features';
import { firstRowDifference } from './arbitrary-features';
import { syntheticMinutes } from './synthetic';

describe('feature batch at scale', () => {
  it('525,600 rows (a year of minutes) in well under 30 s, complete after warm-up', () => {
    const series = syntheticMinutes(525_600);
    const start = performance.now();
    const m = computeFeatures(series);
    const seconds = (performance.now() - start) / 1000;
    console.log(`computeFeatures: ${m.rows} rows × ${m.cols} features in ${seconds.toFixed(2)} s`);
    expect(seconds).toBeLessThan(30);
    expect(m.firstComplete).toBe(199);
    expect(m.values.length).toBe(525_600 * m.cols);
  }, 60_000);

  it('rows across the batch Regime window edge (bar 65,536) equal the stream rows', () => {
    const series = syntheticMinutes(70_000, 2);
    const m = computeFeatures(series);
    const stream = new FeatureStream();
    const rows = Array.from({ length: series.length }, (_, i) => stream.update(candleAt(series, i)));
    expect(firstRowDifference(m, (r) => rows[r])).toBeUndefined();
  }, 60_000);
});
