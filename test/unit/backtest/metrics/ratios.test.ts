// Sharpe, Sortino and Calmar under both conventions, on the hand-computed curve [100, 110, 99, 120].
import { describe, expect, it } from 'vitest';
import {
  annualizedReturn, annualizedVolatility, calmarRatio, returnMoments, sharpeRatio, sortinoRatio,
  type RatioInputs, type SharpeConvention,
} from '../../../../electron/engine/backtest/metrics';

// N = 3 bars per year makes the annual return exactly 1.2 − 1 = 20 % (see returns.test.ts for the moments).
function inputs(convention: SharpeConvention, riskFreeRate = 0, equity = [100, 110, 99, 120]): RatioInputs {
  const moments = returnMoments(Float64Array.from(equity));
  const N = 3;
  return {
    moments,
    annReturn: annualizedReturn(moments.geometricMean, N),
    annVolatility: annualizedVolatility(moments.variance, moments.geometricMean, N),
    periodsPerYear: N,
    riskFreeRate,
    convention,
  };
}

describe('backtesting.py convention', () => {
  it('Sharpe = annual return / annual volatility = 0.2 / 0.3126757 ≈ 0.639640', () => {
    const x = inputs('backtesting.py');
    expect(sharpeRatio(x)).toBeCloseTo(0.2 / x.annVolatility, 14);
    expect(sharpeRatio(x)).toBeCloseTo(0.63964, 5);
  });
  it('Sharpe with rf = 5 %: (0.2 − 0.05) / volatility', () => {
    const x = inputs('backtesting.py', 0.05);
    expect(sharpeRatio(x)).toBeCloseTo(0.15 / x.annVolatility, 14);
  });
  it('Sortino = 0.2 / (sqrt(0.01/3) · √3) = 0.2 / 0.1 = 2', () => {
    expect(sortinoRatio(inputs('backtesting.py'))).toBeCloseTo(2, 12);
  });
  it('flat equity: Sharpe NaN (zero volatility), Sortino NaN (0 / 0)', () => {
    const x = inputs('backtesting.py', 0, [100, 100, 100]);
    expect(sharpeRatio(x)).toBeNaN();
    expect(sortinoRatio(x)).toBeNaN();
  });
  it('no losing bar: Sortino +Infinity', () => {
    expect(sortinoRatio(inputs('backtesting.py', 0, [100, 101, 103]))).toBe(Infinity);
  });
});

describe('mean-std convention', () => {
  it('Sharpe = mean/std · √N = (7/99) / (sqrt(245.01)/99) · √3 = 7·√3/15.65279 ≈ 0.774577', () => {
    expect(sharpeRatio(inputs('mean-std'))).toBeCloseTo((7 * Math.sqrt(3)) / Math.sqrt(245.01), 12);
    expect(sharpeRatio(inputs('mean-std'))).toBeCloseTo(0.774577, 5);
  });
  it('Sortino = (7/99) / (0.1/√3) · √3 = 21/9.9 = 70/33', () => {
    expect(sortinoRatio(inputs('mean-std'))).toBeCloseTo(70 / 33, 12);
  });
  it('rf = 5 % a year is 1.05^(1/3) − 1 per bar, subtracted from the mean', () => {
    const rfBar = Math.cbrt(1.05) - 1;
    const expected = ((7 / 99 - rfBar) / (Math.sqrt(245.01) / 99)) * Math.sqrt(3);
    expect(sharpeRatio(inputs('mean-std', 0.05))).toBeCloseTo(expected, 12);
  });
});

describe('calmarRatio', () => {
  it('annual return / max drawdown: 0.2 / 0.1 = 2; NaN without a drawdown', () => {
    expect(calmarRatio(0.2, 0.1)).toBeCloseTo(2, 14);
    expect(calmarRatio(0.2, 0)).toBeNaN();
    expect(calmarRatio(-0.3, 0.5)).toBeCloseTo(-0.6, 14);
  });
});
