// Backtest throughput over 175,680 FIL/USDT 1m candles (Aug–Nov 2023), single thread, the full engine path:
// (a) sma-cross (goal ≥ 1,000,000 candles/s), (b) the full agent panel (goal ≥ 250,000 candles/s). Then a 16-combination
// sma-cross sweep on a pool of 2 worker threads vs 1: goal ≥ 1.8× faster cold (pool start-up counted), ≥ 1.9× warm.
// Run: npm run bench:backtest  (prints figures only; `-- --sweep-only` for the sweep section alone)
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runBacktest } from '../electron/engine/backtest';
import { parseMetric } from '../electron/engine/backtest/metric';
import { expandGrid, parseParamAxis } from '../electron/engine/backtest/param-grid';
import { sweepWith } from '../electron/engine/backtest/sweep';
import { SweepPool } from '../electron/engine/backtest/sweep-pool';
import { workerUrl } from '../electron/engine/backtest/pool-worker-url';
import { workerBundle } from '../electron/engine/backtest/ts-worker';
import { allocateSeries, type CandleSeries } from '../electron/engine/model/candle-series';
import { hasSharedData, sharedPath, SHARED_SKIP_REASON } from '../test/shared-data';
import { readBinanceCsv } from '../test/support/binance-csv';

const MONTHS = ['08', '09', '10', '11'];

/** The four months joined (a plain split parser; the importers are measured by bench:import). */
function loadFil(): CandleSeries {
  const months = MONTHS.map((m) => readBinanceCsv(sharedPath('data', 'isda-binance-1m', `FILUSDT-1m-2023-${m}.csv`)));
  const s = allocateSeries(months.reduce((n, m) => n + m.length, 0));
  let at = 0;
  for (const m of months) {
    for (const col of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) s[col].set(m[col], at);
    at += m.length;
  }
  return s;
}

async function timeRuns(label: string, run: () => Promise<unknown>, n: number, runs = 7): Promise<void> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const best = times[0];
  const median = times[Math.floor(runs / 2)];
  const rate = (ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en-US');
  console.log(`${label.padEnd(44)} best ${best.toFixed(1).padStart(6)} ms (${rate(best)} candles/s)   median ${median.toFixed(1)} ms (${rate(median)} candles/s)`);
}

async function main(): Promise<void> {
  if (!hasSharedData) {
    console.log(SHARED_SKIP_REASON);
    return;
  }
  const series = loadFil();
  console.log(`FIL/USDT 1m: ${series.length.toLocaleString('en-US')} candles, node ${process.version}`);
  // Whole units as before the crypto default (fraction:0.95), so the figures stay comparable across versions.
  const base = { series, symbol: 'FIL/USDT', cash: 10_000, commission: 0.001, periodsPerYear: 525_600, sizing: 'all-in-units' };
  const first = await runBacktest({ ...base, strategy: 'sma-cross', params: { fast: 10, slow: 20 } });
  console.log(`sma-cross(10,20): ${first.trades.length} trades, ${first.fills} fills, final equity ${first.stats.finalEquity.toFixed(2)}`);
  await timeRuns('sma-cross(10,20) next-open, all-in-units', () => runBacktest({ ...base, strategy: 'sma-cross' }), series.length);
  await timeRuns('sma-cross(10,20) long+short, 2bps slippage', () =>
    runBacktest({ ...base, strategy: 'sma-cross', allowShort: true, slippage: '2bps' }), series.length);
  await timeRuns('sma-cross(50,200) close fills', () =>
    runBacktest({ ...base, strategy: 'sma-cross', params: { fast: 50, slow: 200 }, fill: 'close' }), series.length);
  await timeRuns('rsi-revert(14,30,70)', () => runBacktest({ ...base, strategy: 'rsi-revert' }), series.length);
  await timeRuns('ema-cross(12,26)', () => runBacktest({ ...base, strategy: 'ema-cross' }), series.length);
  // (b) The same loop with the agent panel deciding every bar (all five agents, aggregation, veto).
  const panel = await runBacktest({ ...base, strategy: 'panel', sizing: 'all-in' });
  console.log(`panel: ${panel.decisions} decisions, ${panel.actions} actions, ${panel.trades.length} trades, ${panel.vetoes} vetoes`);
  await timeRuns('(b) agent panel, all-in', () => runBacktest({ ...base, strategy: 'panel', sizing: 'all-in' }), series.length, 5);
}

interface SweepTimes {
  /** A one-off sweep: threads started for the waiting jobs (no warm-up, see SweepPool.warm) plus the sweep. */
  coldMs: number;
  /** Start-up alone of that one-off pool, for the record. */
  startMs: number;
  /** The first sweep on a pool started ahead with its warm-up: the app's first sweep after its background start. */
  firstMs: number;
  /** Best of three further sweeps on the one-off pool (the engine's pool between sweeps and walk-forward windows). */
  warmMs: number;
}

const GRID = expandGrid([parseParamAxis('fast=5..20:5'), parseParamAxis('slow=30..60:10')]);
const SWEEP_BASE = { symbol: 'FIL/USDT', strategy: 'sma-cross', commission: 0.001, periodsPerYear: 525_600 };
const metric = parseMetric('sharpe');

/** Starts a pool of `workers` threads (`jit`: with the warm-up), runs `then` on it, closes it; times the start. */
async function onPool<T>(series: CandleSeries, workers: number, jit: boolean, then: (sweep: () => Promise<number>) => Promise<T>): Promise<T & { startMs: number }> {
  const t0 = performance.now();
  const pool = new SweepPool(workers);
  await pool.warm(jit);
  const startMs = performance.now() - t0;
  const runner = pool.bind(series, SWEEP_BASE);
  const sweep = async () => {
    const t = performance.now();
    await sweepWith(runner, { grid: GRID, metric });
    return performance.now() - t;
  };
  try {
    return { ...(await then(sweep)), startMs };
  } finally {
    await pool.close();
  }
}

/** A one-off pool's cold sweep (start-up included) and warm sweeps on it; then a pool warmed ahead, its first sweep. */
async function sweepTimes(series: CandleSeries, workers: number): Promise<SweepTimes> {
  const oneOff = await onPool(series, workers, false, async (sweep) => {
    const firstMs = await sweep();
    const warm: number[] = [];
    for (let i = 0; i < 3; i++) warm.push(await sweep());
    return { firstMs, warmMs: Math.min(...warm) };
  });
  const ahead = await onPool(series, workers, true, async (sweep) => ({ firstMs: await sweep() }));
  return { startMs: oneOff.startMs, coldMs: oneOff.startMs + oneOff.firstMs, firstMs: ahead.firstMs, warmMs: oneOff.warmMs };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const best = (xs: number[]) => Math.min(...xs);

const BUILT_WORKER = new URL('../out/main/sweep-worker.js', import.meta.url);

/** Time from `new Worker` to its 'ready' (no warm-up) for `n` threads started at once; best of `runs`. */
async function threadStart(start: () => Worker, n: number, runs = 7): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const workers = Array.from({ length: n }, start);
    await Promise.all(workers.map((w) => new Promise((ready) => w.once('message', ready))));
    times.push(performance.now() - t);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return Math.min(...times);
}

/**
 * The app's sweep thread (the built worker, `npm run build` first) against a bare worker thread. Neither inherits this
 * process's tsx loader (`execArgv: []`), which the app's threads do not have and which added ~65 ms to an ES module.
 */
async function builtThreadStart(): Promise<void> {
  if (!existsSync(BUILT_WORKER)) return console.log('thread start: no built worker (npm run build first)');
  const bare = () => new Worker(`require('node:worker_threads').parentPort.postMessage('ready')`, { eval: true, execArgv: [] });
  const built = () => new Worker(BUILT_WORKER, { workerData: { warmUp: false }, execArgv: [] });
  const fmt = async (start: () => Worker) => `one ${(await threadStart(start, 1)).toFixed(0)} ms, two at once ${(await threadStart(start, 2)).toFixed(0)} ms`;
  console.log(`thread start, best of 7: built sweep worker (the app's, with its primer) ${await fmt(built)}; bare worker thread ${await fmt(bare)}`);
}

/** 1 vs 2 workers over several rounds (alternating, so load changes on a shared machine hit both alike). */
async function sweepSpeedup(series: CandleSeries, rounds = 5): Promise<void> {
  const t = performance.now();
  await workerBundle(workerUrl()); // source runs only: the worker's code is bundled once per process (the built app ships it)
  console.log(`sweep worker bundle (source runs only, once per process): ${(performance.now() - t).toFixed(0)} ms`);
  await builtThreadStart();
  await sweepTimes(series, 1); // a throwaway round: page cache, the main thread's own JIT
  const one: SweepTimes[] = [];
  const two: SweepTimes[] = [];
  for (let r = 0; r < rounds; r++) {
    one.push(await sweepTimes(series, 1));
    two.push(await sweepTimes(series, 2));
  }
  const col = (ts: SweepTimes[], k: keyof SweepTimes) => ts.map((x) => x[k]);
  const fmt = (ts: SweepTimes[]) =>
    (['startMs', 'firstMs', 'coldMs', 'warmMs'] as const).map((k) => `${k.replace('Ms', '')} best ${best(col(ts, k)).toFixed(0)} / median ${median(col(ts, k)).toFixed(0)} ms`).join(', ');
  console.log(`sweep 16× sma-cross(5..20, 30..60), ${rounds} rounds; cold = a one-off pool's start + its first sweep, first = the first sweep on a pool started (and warmed up) ahead, warm = a further sweep`);
  console.log(`  1 worker:  ${fmt(one)}`);
  console.log(`  2 workers: ${fmt(two)}`);
  const verdict = (label: string, k: keyof SweepTimes, goal: number) => {
    const byBest = best(col(one, k)) / best(col(two, k));
    const byMedian = median(col(one, k)) / median(col(two, k));
    const met = byMedian >= goal ? 'met' : byBest >= goal ? 'met on best times only' : 'NOT met';
    console.log(`  speed-up 2 vs 1 workers, ${label}: ${byBest.toFixed(2)}× (best) ${byMedian.toFixed(2)}× (median); goal ≥ ${goal}×: ${met}`);
  };
  verdict('cold incl. start-up', 'coldMs', 1.8);
  verdict('first sweep on a pool started ahead', 'firstMs', 1.8);
  verdict('warm pool', 'warmMs', 1.9);
  console.log(`  (${availableParallelism()} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
}

const sweepOnly = process.argv.includes('--sweep-only');
if (!sweepOnly) await main();
if (hasSharedData) await sweepSpeedup(loadFil());
