// The streaming form must give exactly the batch form's rows: same float32 bits in every cell of every row, NaN
// where the other is NaN, on random series with flat bars, zero volume, price gaps and time gaps.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePanelSettings } from '../../../../electron/engine/agents/settings';
import { computeFeatures } from '../../../../electron/engine/ml/features';
import { arbitraryFeatureCase, firstRowDifference, streamRows } from './arbitrary-features';

describe('feature rows: batch form = streaming form, bit for bit', () => {
  it('default schema (candles only)', () => {
    let complete = 0;
    fc.assert(
      fc.property(arbitraryFeatureCase(), ({ series }) => {
        const m = computeFeatures(series);
        const rows = streamRows(series, {});
        expect(firstRowDifference(m, (r) => rows[r])).toBeUndefined();
        if (m.firstComplete < m.rows) complete++;
      }),
      { numRuns: 120 },
    );
    // Warm-up really ends in some cases, so finite values are compared too, not only NaN.
    expect(complete).toBeGreaterThan(20);
  });

  it('with taker-buy volume and trade counts', () => {
    fc.assert(
      fc.property(arbitraryFeatureCase(), fc.boolean(), fc.boolean(), ({ series, extra }, taker, trades) => {
        const given = { takerBuyVolume: taker ? extra.takerBuyVolume : undefined, trades: trades ? extra.trades : undefined };
        const m = computeFeatures(series, { extra: given });
        const rows = streamRows(series, given, { takerBuyVolume: taker, trades });
        expect(firstRowDifference(m, (r) => rows[r])).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });

  it('with short regime settings (the label one-hot past warm-up on short series)', () => {
    const regime = parsePanelSettings({ regime: { adxPeriod: 3, atrPeriod: 3, bbPeriod: 4, lookback: 5 } }).regime;
    fc.assert(
      fc.property(arbitraryFeatureCase(0, 120), ({ series }) => {
        const m = computeFeatures(series, { regime });
        const rows = streamRows(series, {}, { regime });
        expect(firstRowDifference(m, (r) => rows[r])).toBeUndefined();
      }),
      { numRuns: 100 },
    );
  });

  it('warm-up ends at the 200-bar EMA, and every row after it is finite', () => {
    fc.assert(
      fc.property(arbitraryFeatureCase(0, 320), ({ series, extra }) => {
        const m = computeFeatures(series, { extra });
        expect(m.firstComplete).toBe(Math.min(199, m.rows));
        for (let p = m.firstComplete * m.cols; p < m.values.length; p++) {
          if (!Number.isFinite(m.values[p])) expect.fail(`row ${Math.floor(p / m.cols)} ${m.names[p % m.cols]} = ${m.values[p]}`);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the comparison can fail: one altered bar shows up in its own row', () => {
    const [{ series }] = fc.sample(arbitraryFeatureCase(300, 300), { numRuns: 1, seed: 3 });
    const m = computeFeatures(series);
    const altered = { ...series, close: series.close.slice() };
    altered.close[250] *= 1.01;
    const rows = streamRows(altered, {});
    expect(firstRowDifference(m, (r) => rows[r])).toMatch(/^row 250 /);
  });
});
