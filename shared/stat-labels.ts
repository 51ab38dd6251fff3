// How each backtest statistic is named and formatted for people — the CLI table, the HTML report and the Backtest
// page all read this one list (definitions: README.md#backtest-metrics).

export type StatKind = 'time' | 'duration' | 'pct' | 'money' | 'ratio' | 'count';

export const STAT_LABELS = [
  ['start', 'Start', 'time'],
  ['end', 'End', 'time'],
  ['duration', 'Duration', 'duration'],
  ['exposurePct', 'Exposure time [%]', 'pct'],
  ['finalEquity', 'Equity final', 'money'],
  ['peakEquity', 'Equity peak', 'money'],
  ['returnPct', 'Return [%]', 'pct'],
  ['buyHoldReturnPct', 'Buy & hold return [%]', 'pct'],
  ['annReturnPct', 'Return (ann.) [%]', 'pct'],
  ['annVolatilityPct', 'Volatility (ann.) [%]', 'pct'],
  ['cagrPct', 'CAGR [%]', 'pct'],
  ['sharpe', 'Sharpe ratio', 'ratio'],
  ['sortino', 'Sortino ratio', 'ratio'],
  ['calmar', 'Calmar ratio', 'ratio'],
  ['maxDrawdownPct', 'Max. drawdown [%]', 'pct'],
  ['avgDrawdownPct', 'Avg. drawdown [%]', 'pct'],
  ['maxDrawdownDuration', 'Max. drawdown duration', 'duration'],
  ['avgDrawdownDuration', 'Avg. drawdown duration', 'duration'],
  ['trades', '# Trades', 'count'],
  ['winRatePct', 'Win rate [%]', 'pct'],
  ['bestTradePct', 'Best trade [%]', 'pct'],
  ['worstTradePct', 'Worst trade [%]', 'pct'],
  ['avgTradePct', 'Avg. trade [%]', 'pct'],
  ['maxTradeDuration', 'Max. trade duration', 'duration'],
  ['avgTradeDuration', 'Avg. trade duration', 'duration'],
  ['profitFactor', 'Profit factor', 'ratio'],
  ['expectancyPct', 'Expectancy [%]', 'pct'],
  ['sqn', 'SQN', 'ratio'],
  ['kellyCriterion', 'Kelly criterion', 'ratio'],
  ['feesPaid', 'Fees paid', 'money'],
  ['periodsPerYear', 'Periods per year', 'count'],
] as const satisfies readonly (readonly [string, string, StatKind])[];

export type StatKey = (typeof STAT_LABELS)[number][0];

export function isoTime(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace('.000Z', 'Z') : '—';
}

/** "3d 04:05" / "04:05:06": days and clock time, as backtesting.py's Timedelta prints. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const days = Math.floor(ms / 86_400_000);
  const rest = new Date(ms - days * 86_400_000).toISOString().slice(11, 19);
  return days > 0 ? `${days}d ${rest}` : rest;
}

function fixed(v: number, digits: number): string {
  if (Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  return v.toFixed(digits);
}

export function formatStat(kind: StatKind, v: number): string {
  switch (kind) {
    case 'time': return isoTime(v);
    case 'duration': return formatDuration(v);
    case 'pct': return fixed(v, 2);
    case 'money': return fixed(v, 2);
    case 'ratio': return fixed(v, 3);
    case 'count': return fixed(v, 0);
  }
}
