// What `quorum sweep` and `quorum walkforward` share: the grid flags, the metric, the worker count.
import { parseMetric, type RankMetric } from '../../backtest/metric';
import { expandGrid, parseParamAxis } from '../../backtest/param-grid';
import { checkWorkers, defaultWorkers } from '../../backtest/sweep-pool';
import type { StrategyParams } from '../../strategies/params';
import { ConfigError } from '../../errors';
import { numberFlag, RUN_OPTIONS } from './backtest-options';

export const GRID_OPTIONS = { ...RUN_OPTIONS, metric: { type: 'string' }, workers: { type: 'string' }, json: { type: 'boolean' } } as const;

export const GRID_USAGE = '--param k=a..b:step|k=a,b,c … [--metric sharpe|return|sortino|calmar|max-drawdown|…] [--workers N]';

export interface GridFlags {
  grid: StrategyParams[];
  metric: RankMetric;
  workers: number;
}

export function parseGridFlags(values: { param?: string[]; metric?: string; workers?: string }): GridFlags {
  const specs = values.param ?? [];
  if (specs.length === 0) throw new ConfigError('Give at least one --param to vary (e.g. --param fast=5..30:5)', 'CLI_ARGS', { field: 'param' });
  const workers = numberFlag(values, 'workers', (n) => Number.isInteger(n), 'an integer');
  return {
    grid: expandGrid(specs.map(parseParamAxis)),
    metric: parseMetric(values.metric ?? 'sharpe'),
    workers: workers === undefined ? defaultWorkers() : checkWorkers(workers),
  };
}

/** A number for a table cell: NaN as '—', fixed decimals otherwise. */
export function cell(v: number, digits = 2): string {
  if (Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  return v.toFixed(digits);
}
