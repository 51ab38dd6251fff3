// The stitched out-of-sample equity of a walk-forward: each window's chosen params replayed on its test span, the
// curves chained so each window starts with the capital the previous one ended with (as compoundedReturnPct assumes).
import type { CandleSeries } from '../model/candle-series';
import { BacktestCancelled } from './cancel';
import { runNotStored } from './stored-run';
import type { SweepBase } from './sweep-job';
import type { WindowResult } from './walk-forward';

/** Yield at each checkpoint, so a cancel arriving by IPC is seen while a window replays on the engine's thread. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Windows without a winner (no combination had a defined metric on its train span) stay flat: the method would have
 * held cash there. The pool's workers return only statistics, so the curves are replayed here, one run per window.
 */
export async function stitchOutOfSample(
  series: CandleSeries, base: SweepBase, windows: readonly WindowResult[], cash: number, signal?: AbortSignal,
): Promise<{ time: Float64Array; value: Float64Array }> {
  const time: number[] = [];
  const value: number[] = [];
  let capital = cash;
  for (const w of windows) {
    if (!w.best || !w.outOfSample) {
      for (const t of w.test.from === w.test.to ? [w.test.from] : [w.test.from, w.test.to]) {
        time.push(t);
        value.push(capital);
      }
      continue;
    }
    const run = await runNotStored({
      ...base, series, params: w.best, from: w.test.from, to: w.test.to,
      checkpoint: async () => {
        await breathe();
        if (signal?.aborted) throw new BacktestCancelled();
      },
    });
    const scale = capital / cash;
    for (let i = 0; i < run.equity.length; i++) {
      time.push(run.time[i]);
      value.push(run.equity[i] * scale);
    }
    // The carry is the window's final equity (after the end-of-run close), the figure its returnPct is taken from.
    capital *= run.stats.finalEquity / cash;
  }
  return { time: Float64Array.from(time), value: Float64Array.from(value) };
}
