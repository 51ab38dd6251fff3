// Risk-adjusted return ratios (Sharpe, Sortino, Calmar) under the two supported conventions.
import { annualizedReturn } from './annualize';
import type { ReturnMoments } from './returns';
import { ratioOrInfinity, ratioOrNaN } from './safe-math';
import type { SharpeConvention } from './types';

export interface RatioInputs {
  moments: ReturnMoments;
  /** Compounded annual return (fraction) and volatility (fraction), as in annualize.ts. */
  annReturn: number;
  annVolatility: number;
  periodsPerYear: number;
  /** Annual, as a fraction. */
  riskFreeRate: number;
  convention: SharpeConvention;
}

/** Per-bar risk-free rate that compounds to the annual one over N bars. */
function perPeriodRate(annualRate: number, periodsPerYear: number): number {
  return annualRate === 0 ? 0 : annualizedReturn(annualRate, 1 / periodsPerYear);
}

/**
 * backtesting.py: (annReturn − rf) / annVolatility, NaN when volatility is 0.
 * mean-std: (mean(r) − rf_bar) / std(r) · √N, NaN when std is 0.
 */
export function sharpeRatio(x: RatioInputs): number {
  if (x.convention === 'mean-std') {
    const excess = x.moments.mean - perPeriodRate(x.riskFreeRate, x.periodsPerYear);
    return ratioOrNaN(excess, Math.sqrt(x.moments.variance)) * Math.sqrt(x.periodsPerYear);
  }
  return ratioOrNaN(x.annReturn - x.riskFreeRate, x.annVolatility);
}

/**
 * Downside deviation is sqrt(mean(min(r, 0)²)) around a 0 target in both conventions (as backtesting.py).
 * backtesting.py: (annReturn − rf) / (downsideDev · √N). mean-std: (mean(r) − rf_bar) / downsideDev · √N.
 * No losing bar at all gives ±Infinity (NaN for a zero numerator), as numpy's division does.
 */
export function sortinoRatio(x: RatioInputs): number {
  const downsideDev = Math.sqrt(x.moments.downsideMeanSquare);
  const rootN = Math.sqrt(x.periodsPerYear);
  if (x.convention === 'mean-std') {
    const excess = x.moments.mean - perPeriodRate(x.riskFreeRate, x.periodsPerYear);
    return ratioOrInfinity(excess, downsideDev) * rootN;
  }
  return ratioOrInfinity(x.annReturn - x.riskFreeRate, downsideDev * rootN);
}

/** annReturn / maxDrawdown (both fractions, drawdown as a positive magnitude); NaN without a drawdown. */
export function calmarRatio(annReturn: number, maxDrawdown: number): number {
  return ratioOrNaN(annReturn, maxDrawdown);
}
