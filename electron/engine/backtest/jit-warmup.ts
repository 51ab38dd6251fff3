// A sweep worker's warm-up: short trade-heavy backtests on made-up candles before it reports ready, so V8 has
// optimised the trading loop (session, sim venue, portfolio, metrics) before the first real job. Measured with
// bench:backtest's grid (16 sma-cross jobs on 175,680 FIL/USDT 1m bars): after 9 warm-up jobs the first sweep still
// took ~0.7 s on one worker against ~0.45 s warm (V8 dropped and redid its optimised code a few jobs in, whatever the
// data); after these 18 (~0.5 s, in the background after the app starts) it takes 0.51-0.56 s, 0.31-0.34 s on two.
// A thread started for jobs already waiting gets only the primer: 12 such jobs on 500 bars, ~40 ms, mostly before
// anything is optimised. V8 then optimises the real jobs' code having seen its types, so compiles it about once: a
// fresh thread's first 16-job sweep, primer included, took 9-15 deoptimisations instead of 52-78 and 0.6-0.75 s of
// TurboFan CPU instead of 1.1-1.2 s. One-off sweep on the built worker: a primer of 2 rounds against none, medians of
// 6, one worker 1029 -> 929 ms, two 1046 -> 970 ms; 4 rounds against 2, medians of 8, 1017 -> 968 and 1086 -> 948 ms
// (after 2 rounds a wave of deoptimisations still came at the sixth real job).
import { allocateSeries, type CandleSeries } from '../model/candle-series';
import { seriesFromShared, shareSeries } from './shared-series';
import { runSweepJob, type SweepBase } from './sweep-job';

const WARMUP_BARS = 20_000;
/**
 * Each function called many times, not once: a loop optimised on its only call was not what later calls ran, and
 * with 3 rounds V8 still threw its optimised code away a few jobs into the first real sweep.
 */
const WARMUP_ROUNDS = 6;
const PRIMER_BARS = 500;
const PRIMER_ROUNDS = 4;
const WARMUP_BASE: SweepBase = { symbol: 'WARM/USDT', strategy: 'sma-cross', commission: 0.001, periodsPerYear: 525_600 };
/** Short averages: thousands of crossings, so the order path runs hot too, not only the bar loop. */
const WARMUP_PARAMS = [{ fast: 3, slow: 8 }, { fast: 5, slow: 13 }, { fast: 4, slow: 9 }];

/** A seeded random walk of 1m candles (deterministic: warm-up never depends on the clock or Math.random). */
export function warmupSeries(bars = WARMUP_BARS): CandleSeries {
  const s = allocateSeries(bars);
  let seed = 7;
  let price = 100;
  for (let i = 0; i < bars; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    const open = price;
    price *= 1 + (seed / 0x7fffffff - 0.5) * 0.004;
    s.time[i] = 1_600_000_000_000 + i * 60_000;
    s.open[i] = open;
    s.close[i] = price;
    s.high[i] = Math.max(open, price) * 1.0005;
    s.low[i] = Math.min(open, price) * 0.9995;
    s.volume[i] = 1;
  }
  return s;
}

/**
 * Runs the warm-up jobs; returns how many finished with statistics (a broken engine shows here, not in a user's sweep).
 * The inputs take the shapes a real job's have — candles over SharedArrayBuffers, options and job as structured
 * clones of what the pool posts — or V8 optimises for objects the real jobs never pass and starts over on the first.
 */
export async function warmUpTradingLoop(bars = WARMUP_BARS, rounds = WARMUP_ROUNDS): Promise<number> {
  const series = seriesFromShared(shareSeries(warmupSeries(bars)));
  let ok = 0;
  for (let round = 0; round < rounds; round++) {
    for (const params of WARMUP_PARAMS) {
      const outcome = await runSweepJob(series, structuredClone(WARMUP_BASE), structuredClone({ index: 0, params }));
      if ('stats' in outcome) ok++;
    }
  }
  return ok;
}

/** The primer of a thread started for jobs already waiting (see the top of this file); returns as warmUpTradingLoop. */
export function primeTradingLoop(): Promise<number> {
  return warmUpTradingLoop(PRIMER_BARS, PRIMER_ROUNDS);
}
