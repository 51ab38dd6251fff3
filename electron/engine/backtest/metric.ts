// The metric a sweep ranks by and a walk-forward selects with: a name, the stats field it reads, and which way is better.
import { ConfigError } from '../errors';
import type { BacktestStats } from './metrics/types';

export interface RankMetric {
  name: string;
  field: keyof BacktestStats;
  /** +1 when higher is better, −1 when lower is (drawdowns). */
  direction: 1 | -1;
}

const ALIASES: Readonly<Record<string, [keyof BacktestStats, 1 | -1]>> = {
  sharpe: ['sharpe', 1],
  sortino: ['sortino', 1],
  calmar: ['calmar', 1],
  return: ['returnPct', 1],
  cagr: ['cagrPct', 1],
  'ann-return': ['annReturnPct', 1],
  'final-equity': ['finalEquity', 1],
  sqn: ['sqn', 1],
  'profit-factor': ['profitFactor', 1],
  'win-rate': ['winRatePct', 1],
  expectancy: ['expectancyPct', 1],
  'max-drawdown': ['maxDrawdownPct', -1],
  volatility: ['annVolatilityPct', -1],
};

export const METRIC_NAMES = Object.keys(ALIASES);

/** An alias above, or any numeric stats field name (higher taken as better, except drawdowns and volatility). */
export function parseMetric(name: string): RankMetric {
  const alias = ALIASES[name];
  if (alias) return { name, field: alias[0], direction: alias[1] };
  const sample: Partial<Record<string, true>> = FIELDS;
  if (sample[name]) {
    const lowerBetter = /drawdown|volatility/i.test(name);
    return { name, field: name as keyof BacktestStats, direction: lowerBetter ? -1 : 1 };
  }
  throw new ConfigError(`--metric ${name}: use one of ${METRIC_NAMES.join(', ')} or a stats field name`, 'CLI_ARGS', { field: 'metric', value: name });
}

const FIELDS: Readonly<Record<keyof BacktestStats, true>> = {
  start: true, end: true, duration: true, exposurePct: true, finalEquity: true, peakEquity: true, returnPct: true,
  buyHoldReturnPct: true, annReturnPct: true, annVolatilityPct: true, cagrPct: true, sharpe: true, sortino: true,
  calmar: true, maxDrawdownPct: true, avgDrawdownPct: true, maxDrawdownDuration: true, avgDrawdownDuration: true,
  trades: true, winRatePct: true, bestTradePct: true, worstTradePct: true, avgTradePct: true, maxTradeDuration: true,
  avgTradeDuration: true, profitFactor: true, expectancyPct: true, sqn: true, kellyCriterion: true, feesPaid: true,
  periodsPerYear: true,
};

/** The metric oriented so that larger is always better; NaN stays NaN (an undefined score never wins). */
export function score(metric: RankMetric, stats: BacktestStats): number {
  return metric.direction * stats[metric.field];
}

/** Sort comparator: best score first, NaN last, ties kept in grid order by `index`. */
export function byScore(metric: RankMetric) {
  return (a: { stats: BacktestStats; index: number }, b: { stats: BacktestStats; index: number }): number => {
    const sa = score(metric, a.stats);
    const sb = score(metric, b.stats);
    const na = Number.isNaN(sa);
    const nb = Number.isNaN(sb);
    if (na !== nb) return na ? 1 : -1;
    if (!na && sa !== sb) return sb - sa;
    return a.index - b.index;
  };
}
