// One sweep job — a parameter set on a bar range — run the same way in a worker thread or in-process.
import { ConfigError } from '../errors';
import type { CandleSeries } from '../model/candle-series';
import type { StrategyParams } from '../strategies/params';
import type { BacktestStats } from './metrics/types';
import type { MarketRules } from '../model/market';
import type { BacktestRiskSettings } from './backtest-risk';
import type { BacktestOptions } from './options';
import { runNotStored } from './stored-run';
import type { LineMemo } from '../indicators/line-memo';

/** The run options a sweep shares across jobs; plain data, so it can cross a thread boundary. */
export type SweepBase = Pick<BacktestOptions, 'symbol' | 'cash' | 'commission' | 'spread' | 'exposure' | 'fill' | 'allowShort' | 'finalize' | 'periodsPerYear' | 'sharpeConvention' | 'timeframe'> & {
  strategy: string;
  slippage?: number | string;
  sizing?: string;
  /** The app's limits and breakers (each job gets its own backtest-local risk state), or false for none. */
  risk?: BacktestRiskSettings | false;
  market?: MarketRules;
};

export interface SweepJob {
  /** Position in the grid; results are put back in this order whatever worker ran them. */
  index: number;
  params: StrategyParams;
  /** Replayed range (bar times, inclusive); bars before `from` only warm up the indicators. */
  from?: number;
  to?: number;
}

export type SweepOutcome =
  | { index: number; params: StrategyParams; stats: BacktestStats }
  /** An invalid combination (the strategy's ConfigError, e.g. fast ≥ slow): expected, and not a failure. */
  | { index: number; params: StrategyParams; skipped: string }
  | { index: number; params: StrategyParams; error: string };

/** `lines`: the indicator lines of the jobs on this series so far (one memo per series and thread), reused here. */
export async function runSweepJob(series: CandleSeries, base: SweepBase, job: SweepJob, lines?: LineMemo): Promise<SweepOutcome> {
  const { index, params } = job;
  try {
    // Only the statistics leave a job: nothing is recorded (and so nothing lives on for the GC to copy).
    const r = await runNotStored({ ...base, series, params, from: job.from, to: job.to, ...(lines ? { strategyBase: { lines } } : {}) });
    return { index, params, stats: r.stats };
  } catch (err) {
    if (err instanceof ConfigError) return { index, params, skipped: err.message };
    return { index, params, error: err instanceof Error ? err.message : String(err) };
  }
}
