// Assembles the full backtest statistics from the equity curve, the benchmark close and the trades.
import { annualizedReturn, annualizedVolatility, cagr } from './annualize';
import { drawdownStats } from './drawdown';
import { resolvePeriodsPerYear } from './periods';
import { calmarRatio, sharpeRatio, sortinoRatio } from './ratios';
import { returnMoments } from './returns';
import { ratioOrNaN } from './safe-math';
import { tradeStats } from './trades';
import type { BacktestStats, MetricsInput } from './types';

/** Share of bars (not of wall-clock time, as backtesting.py) with an open position, in percent. */
export function exposurePct(exposure: ArrayLike<number | boolean>, bars: number): number {
  if (bars === 0) return Number.NaN;
  let open = 0;
  for (let i = 0; i < bars; i++) if (exposure[i]) open++;
  return (open / bars) * 100;
}

/** Largest value of the array; NaN when empty. */
export function maxOf(values: Float64Array): number {
  if (values.length === 0) return Number.NaN;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  return max;
}

/** (last − first) / first in percent; NaN when empty or when first is 0. */
export function simpleReturnPct(series: Float64Array): number {
  const n = series.length;
  if (n === 0) return Number.NaN;
  return ratioOrNaN(series[n - 1] - series[0], series[0]) * 100;
}

function curveStats(input: MetricsInput, periodsPerYear: number) {
  const { time, equity } = input;
  const n = equity.length;
  const start = n > 0 ? time[0] : Number.NaN;
  const end = n > 0 ? time[n - 1] : Number.NaN;
  const moments = returnMoments(equity);
  const annReturn = annualizedReturn(moments.geometricMean, periodsPerYear);
  const annVolatility = annualizedVolatility(moments.variance, moments.geometricMean, periodsPerYear);
  const dd = drawdownStats(time, equity);
  const ratioInputs = {
    moments, annReturn, annVolatility, periodsPerYear,
    riskFreeRate: input.riskFreeRate ?? 0,
    convention: input.sharpeConvention ?? 'backtesting.py',
  };
  return {
    start, end, duration: end - start,
    exposurePct: exposurePct(input.exposure, n),
    finalEquity: n > 0 ? equity[n - 1] : Number.NaN,
    peakEquity: maxOf(equity),
    returnPct: simpleReturnPct(equity),
    buyHoldReturnPct: simpleReturnPct(input.close),
    annReturnPct: annReturn * 100,
    annVolatilityPct: annVolatility * 100,
    cagrPct: cagr(equity[0], equity[n - 1], end - start) * 100,
    sharpe: sharpeRatio(ratioInputs),
    sortino: sortinoRatio(ratioInputs),
    calmar: calmarRatio(annReturn, dd.maxDrawdown),
    maxDrawdownPct: dd.maxDrawdown * 100,
    avgDrawdownPct: dd.avgDrawdown * 100,
    maxDrawdownDuration: dd.maxDuration,
    avgDrawdownDuration: dd.avgDuration,
  };
}

/** backtesting.py-style statistics; never throws, reports NaN for whatever a run leaves undefined. */
export function computeStats(input: MetricsInput): BacktestStats {
  const periodsPerYear = resolvePeriodsPerYear(input.time, input.periodsPerYear);
  return {
    ...curveStats(input, periodsPerYear),
    ...tradeStats(input.trades),
    feesPaid: input.feesPaid,
    periodsPerYear,
  };
}
