// Scales per-bar return statistics to a year, assuming returns compound (as backtesting.py does).
import { DAY_MS } from './periods';

/** (1 + g)^N − 1, via expm1/log1p so tiny per-bar returns over large N lose no precision. */
export function annualizedReturn(geometricMean: number, periodsPerYear: number): number {
  if (geometricMean === -1) return -1;
  return Math.expm1(periodsPerYear * Math.log1p(geometricMean));
}

/**
 * backtesting.py's compounded volatility: sqrt((σ² + (1+g)²)^N − (1+g)^(2N)), the standard deviation of a
 * product of N independent returns with variance σ² (and the geometric mean g standing in for their mean).
 * Evaluated as (1+g)^N · sqrt(expm1(N·log1p(σ²/(1+g)²))) — algebraically equal, but it neither overflows
 * for N = 525 600 nor cancels catastrophically when σ² is small.
 */
export function annualizedVolatility(variance: number, geometricMean: number, periodsPerYear: number): number {
  const growth = 1 + geometricMean;
  if (!(growth > 0)) return Number.NaN;
  const scale = Math.pow(growth, periodsPerYear);
  return scale * Math.sqrt(Math.expm1(periodsPerYear * Math.log1p(variance / (growth * growth))));
}

/** Calendar-time CAGR: (final/initial)^(1/years) − 1 with years = duration / 365 days; NaN when duration is 0. */
export function cagr(initial: number, final: number, durationMs: number): number {
  const years = durationMs / (365 * DAY_MS);
  if (!(years > 0) || !(initial > 0)) return Number.NaN;
  if (!(final > 0)) return -1;
  return Math.expm1(Math.log(final / initial) / years);
}
