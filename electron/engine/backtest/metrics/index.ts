// Public surface of the backtest statistics: re-exports only.
export { computeStats, exposurePct, maxOf, simpleReturnPct } from './stats';
export { tradeStats } from './trades';
export type { TradeStats } from './trades';
export { tradeReturnPct } from './trade-return';
export { drawdownStats } from './drawdown';
export type { DrawdownStats } from './drawdown';
export { returnMoments } from './returns';
export type { ReturnMoments } from './returns';
export { annualizedReturn, annualizedVolatility, cagr } from './annualize';
export { sharpeRatio, sortinoRatio, calmarRatio } from './ratios';
export type { RatioInputs } from './ratios';
export { inferPeriodsPerYear, resolvePeriodsPerYear, barInterval, weekendShare, DAY_MS } from './periods';
export type { BacktestStats, MetricsInput, SharpeConvention, TradeRecord } from './types';
