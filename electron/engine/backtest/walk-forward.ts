// Walk-forward optimisation: sweep each train window, carry the best params to the next test window, and keep
// in-sample and out-of-sample results apart, per window and aggregated.
import type { CandleSeries } from '../model/candle-series';
import type { StrategyParams } from '../strategies/params';
import { score, type RankMetric } from './metric';
import type { BacktestStats } from './metrics/types';
import { sweepWith } from './sweep';
import { startJobRunner, type JobRunner, type OnOutcome, type SweepPool } from './sweep-pool';
import type { SweepBase } from './sweep-job';
import { buildWindows, type Span, type WalkWindow } from './windows';

export interface WindowResult {
  index: number;
  /** Bar times, both inclusive. */
  train: { from: number; to: number; bars: number };
  test: { from: number; to: number; bars: number };
  /** The train window's winner; undefined when no combination had a defined metric there. */
  best?: StrategyParams;
  inSample?: BacktestStats;
  outOfSample?: BacktestStats;
  /** Combinations that ran / were skipped as invalid on the train window. */
  candidates: number;
  skipped: number;
}

export interface SideSummary {
  /** Windows with a result on this side. */
  windows: number;
  /** Mean of the selection metric (in its own units, not direction-adjusted). */
  meanMetric: number;
  meanReturnPct: number;
  /**
   * Per-window returns compounded in sequence, as if the capital rolled from one window to the next: the stitched
   * out-of-sample return. NaN in-sample, where rolling train windows overlap and compounding them means nothing.
   */
  compoundedReturnPct: number;
  /** Worst single-window max drawdown. */
  worstDrawdownPct: number;
  trades: number;
  /** Windows whose return was > 0. */
  positiveWindows: number;
}

export interface WalkForwardReport {
  metric: RankMetric;
  anchored: boolean;
  windows: WindowResult[];
  /** Aggregated over the chosen params' train runs: how good the fit looked. */
  inSample: SideSummary;
  /** Aggregated over the test runs only: what the method would have earned. `compoundedReturnPct` is the stitched OOS return. */
  outOfSample: SideSummary;
}

export interface WalkForwardInput {
  series: CandleSeries;
  base: SweepBase;
  grid: readonly StrategyParams[];
  metric: RankMetric;
  workers: number;
  /** A warm pool to run on (the engine's); without one, the walk-forward starts its own threads for all its windows. */
  pool?: SweepPool;
  train: Span;
  test: Span;
  anchored: boolean;
  /** Called as each window completes, and per finished train job. */
  onWindow?: (w: WindowResult, total: number) => void;
  onOutcome?: OnOutcome;
  /** Aborting stops the walk-forward (it rejects with BacktestCancelled). */
  signal?: AbortSignal;
}

function range(s: CandleSeries, r: { from: number; to: number }) {
  return { from: s.time[r.from], to: s.time[r.to - 1], bars: r.to - r.from };
}

async function runWindow(runner: JobRunner, input: WalkForwardInput, w: WalkWindow): Promise<WindowResult> {
  const { series, metric } = input;
  const train = range(series, w.train);
  const test = range(series, w.test);
  const sweep = await sweepWith(runner, { grid: input.grid, metric, from: train.from, to: train.to, onOutcome: input.onOutcome, signal: input.signal });
  const result: WindowResult = { index: w.index, train, test, candidates: sweep.ranked.length, skipped: sweep.skipped.length };
  const top = sweep.ranked[0];
  if (!top || Number.isNaN(score(metric, top.stats))) return result;
  const [oos] = await runner.run([{ index: 0, params: top.params, from: test.from, to: test.to }], undefined, input.signal);
  return { ...result, best: top.params, inSample: top.stats, ...('stats' in oos ? { outOfSample: oos.stats } : {}) };
}

function mean(xs: number[]): number {
  const finite = xs.filter(Number.isFinite);
  return finite.length === 0 ? Number.NaN : finite.reduce((a, b) => a + b, 0) / finite.length;
}

export function summarize(stats: readonly BacktestStats[], metric: RankMetric, compound: boolean): SideSummary {
  const returns = stats.map((s) => s.returnPct);
  return {
    windows: stats.length,
    meanMetric: mean(stats.map((s) => s[metric.field])),
    meanReturnPct: mean(returns),
    compoundedReturnPct: stats.length === 0 || !compound ? Number.NaN : (returns.reduce((acc, r) => acc * (1 + r / 100), 1) - 1) * 100,
    worstDrawdownPct: stats.length === 0 ? Number.NaN : Math.max(...stats.map((s) => s.maxDrawdownPct)),
    trades: stats.reduce((n, s) => n + s.trades, 0),
    positiveWindows: returns.filter((r) => r > 0).length,
  };
}

export async function runWalkForward(input: WalkForwardInput): Promise<WalkForwardReport> {
  const windows = buildWindows(input.series, input.train, input.test, input.anchored);
  const runner = await startJobRunner(input.series, input.base, Math.min(input.workers, Math.max(1, input.grid.length)), input.pool);
  const results: WindowResult[] = [];
  try {
    for (const w of windows) {
      results.push(await runWindow(runner, input, w));
      input.onWindow?.(results[results.length - 1], windows.length);
    }
  } finally {
    await runner.close();
  }
  const pick = (side: 'inSample' | 'outOfSample') => results.flatMap((r) => (r[side] ? [r[side]] : []));
  return {
    metric: input.metric,
    anchored: input.anchored,
    windows: results,
    inSample: summarize(pick('inSample'), input.metric, false),
    outOfSample: summarize(pick('outOfSample'), input.metric, true),
  };
}
