// A parameter sweep: every grid combination backtested (spread over a worker pool), invalid ones set aside, the rest ranked.
import type { CandleSeries } from '../model/candle-series';
import type { StrategyParams } from '../strategies/params';
import { byScore, type RankMetric } from './metric';
import type { BacktestStats } from './metrics/types';
import { startJobRunner, type JobRunner, type OnOutcome, type SweepPool } from './sweep-pool';
import type { SweepBase, SweepOutcome } from './sweep-job';

export interface RankedResult {
  /** 1 = best by the metric. */
  rank: number;
  /** Position in the grid. */
  index: number;
  params: StrategyParams;
  stats: BacktestStats;
}

export interface SweepReport {
  metric: RankMetric;
  combos: number;
  /** Best first; results whose metric is NaN come last. */
  ranked: RankedResult[];
  skipped: { index: number; params: StrategyParams; reason: string }[];
  errors: { index: number; params: StrategyParams; error: string }[];
}

export interface SweepInput {
  series: CandleSeries;
  base: SweepBase;
  grid: readonly StrategyParams[];
  metric: RankMetric;
  workers: number;
  /** A warm pool to run on (the engine's); without one, the sweep starts its own threads and stops them after. */
  pool?: SweepPool;
  /** Replayed range (bar times, inclusive); the whole series when absent. */
  from?: number;
  to?: number;
  onOutcome?: OnOutcome;
  /** Aborting stops the sweep (it rejects with BacktestCancelled once the running batches are done). */
  signal?: AbortSignal;
}

/** Ranks finished outcomes; the grid index breaks ties, so the order never depends on which worker finished first. */
export function rankOutcomes(outcomes: readonly SweepOutcome[], metric: RankMetric): SweepReport {
  const done: Omit<RankedResult, 'rank'>[] = [];
  const skipped: SweepReport['skipped'] = [];
  const errors: SweepReport['errors'] = [];
  for (const o of outcomes) {
    if ('stats' in o) done.push({ index: o.index, params: o.params, stats: o.stats });
    else if ('skipped' in o) skipped.push({ index: o.index, params: o.params, reason: o.skipped });
    else errors.push({ index: o.index, params: o.params, error: o.error });
  }
  const ranked = done.sort(byScore(metric)).map((r, i) => ({ rank: i + 1, ...r }));
  return { metric, combos: outcomes.length, ranked, skipped, errors };
}

/** Runs the grid on an already started runner (walk-forward reuses one runner for every window). */
export async function sweepWith(runner: JobRunner, input: Omit<SweepInput, 'series' | 'base' | 'workers' | 'pool'>): Promise<SweepReport> {
  const jobs = input.grid.map((params, index) => ({ index, params, from: input.from, to: input.to }));
  return rankOutcomes(await runner.run(jobs, input.onOutcome, input.signal), input.metric);
}

export async function runSweep(input: SweepInput): Promise<SweepReport> {
  const runner = await startJobRunner(input.series, input.base, Math.min(input.workers, Math.max(1, input.grid.length)), input.pool);
  try {
    return await sweepWith(runner, input);
  } finally {
    await runner.close();
  }
}
