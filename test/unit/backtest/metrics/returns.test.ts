// Per-bar return moments and their annualization, checked against hand arithmetic.
import { describe, expect, it } from 'vitest';
import {
  annualizedReturn, annualizedVolatility, cagr, returnMoments,
} from '../../../../electron/engine/backtest/metrics';
import { DAY } from './helpers';

// Equity [100, 110, 99, 120]:
//   r1 = 110/100 − 1 = 0.1;  r2 = 99/110 − 1 = −0.1;  r3 = 120/99 − 1 = 21/99 = 7/33
//   mean = (0.1 − 0.1 + 7/33) / 3 = 7/99
//   deviations from the mean: 2.9/99, −16.9/99, 14/99 → squares sum (8.41 + 285.61 + 196)/99² = 490.02/9801
//   sample variance (ddof 1) = 490.02/9801/2 = 245.01/9801
//   downside mean square = (0 + 0.01 + 0)/3
//   geometric mean = (120/100)^(1/3) − 1
const EQ = Float64Array.of(100, 110, 99, 120);

describe('returnMoments', () => {
  it('hand-computed moments of [100, 110, 99, 120]', () => {
    const m = returnMoments(EQ);
    expect(m.count).toBe(3);
    expect(m.mean).toBeCloseTo(7 / 99, 14);
    expect(m.variance).toBeCloseTo(245.01 / 9801, 14);
    expect(m.downsideMeanSquare).toBeCloseTo(0.01 / 3, 14);
    expect(m.geometricMean).toBeCloseTo(Math.cbrt(1.2) - 1, 14);
    expect(m.ruined).toBe(false);
  });
  it('flat equity: all returns 0, variance 0', () => {
    const m = returnMoments(Float64Array.of(100, 100, 100));
    expect([m.mean, m.variance, m.downsideMeanSquare, m.geometricMean]).toEqual([0, 0, 0, 0]);
  });
  it('two bars: one return, sample variance undefined', () => {
    const m = returnMoments(Float64Array.of(100, 105));
    expect(m.count).toBe(1);
    expect(m.mean).toBeCloseTo(0.05, 14);
    expect(m.variance).toBeNaN();
  });
  it('fewer than two bars: no returns', () => {
    expect(returnMoments(new Float64Array(0)).count).toBe(0);
    expect(returnMoments(Float64Array.of(100)).geometricMean).toBeNaN();
  });
  it('ruin (equity reaches 0): geometric mean −1, other moments undefined', () => {
    const m = returnMoments(Float64Array.of(100, 50, 0, 0));
    expect(m.ruined).toBe(true);
    expect(m.geometricMean).toBe(-1);
    expect(m.variance).toBeNaN();
  });
});

describe('annualization', () => {
  it('annual return (1 + g)^N − 1: g = 1.2^(1/3) − 1 over N = 3 gives exactly 20 %', () => {
    expect(annualizedReturn(Math.cbrt(1.2) - 1, 3)).toBeCloseTo(0.2, 14);
    // 1 % per bar over 12 bars: 1.01^12 − 1 = 0.12682503013196977
    expect(annualizedReturn(0.01, 12)).toBeCloseTo(0.12682503013196977, 14);
    expect(annualizedReturn(-1, 365)).toBe(-1);
  });
  it('volatility equals the naive backtesting.py formula sqrt((σ² + (1+g)²)^N − (1+g)^(2N))', () => {
    const g = Math.cbrt(1.2) - 1;
    const v = 245.01 / 9801;
    // (0.0249985 + 1.2^(2/3))^3 − 1.2² = 1.1542417^3 − 1.44 = 1.5377661 − 1.44 = 0.0977661 → sqrt ≈ 0.3126757
    const naive = Math.sqrt(Math.pow(v + (1 + g) ** 2, 3) - Math.pow(1 + g, 6));
    expect(annualizedVolatility(v, g, 3)).toBeCloseTo(naive, 12);
    expect(annualizedVolatility(v, g, 3)).toBeCloseTo(0.3126757, 6);
  });
  it('zero variance → zero volatility; g = 0 → sqrt((1 + σ²)^N − 1)', () => {
    expect(annualizedVolatility(0, 0.01, 365)).toBe(0);
    // (1 + 0.0001)^4 − 1 = 4·1e-4 + 6·1e-8 + 4·1e-12 + 1e-16 (binomial) → sqrt ≈ 0.0200015
    expect(annualizedVolatility(0.0001, 0, 4)).toBeCloseTo(Math.sqrt(4e-4 + 6e-8 + 4e-12 + 1e-16), 14);
  });
  it('stays finite where the naive formula overflows to Infinity − Infinity = NaN (1m bars, N = 525600)', () => {
    const g = 0.001;
    const v = 1e-6;
    const N = 525_600;
    expect(Math.pow(v + (1 + g) ** 2, N) - Math.pow(1 + g, 2 * N)).toBeNaN();
    const vol = annualizedVolatility(v, g, N);
    expect(Number.isFinite(vol)).toBe(true);
    // vol / (1+g)^N = sqrt(expm1(525600 · log1p(1e-6 / 1.002001))) = sqrt(expm1(0.524550)) = sqrt(0.689699) ≈ 0.830481
    expect(vol / Math.pow(1 + g, N)).toBeCloseTo(0.830481, 6);
  });
  it('CAGR over calendar time: doubling in two 365-day years → √2 − 1', () => {
    expect(cagr(100, 200, 730 * DAY)).toBeCloseTo(Math.SQRT2 - 1, 14);
    expect(cagr(100, 120, 365 * DAY)).toBeCloseTo(0.2, 14);
    expect(cagr(100, 120, 0)).toBeNaN();
    expect(cagr(100, 0, 365 * DAY)).toBe(-1);
    expect(cagr(0, 10, 365 * DAY)).toBeNaN();
  });
});
