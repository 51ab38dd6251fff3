// Backtest throughput over 175,680 FIL/USDT 1m candles (Aug–Nov 2023), single thread, the full engine path:
// (a) sma-cross (goal ≥ 1,000,000 candles/s), (b) the full agent panel (goal ≥ 250,000 candles/s). Then a 16-combination sma-cross sweep with 2 worker threads vs 1 (goal: ≥ 1.8× faster).
// Run: npm run bench:backtest  (prints figures only)
import { availableParallelism, loadavg } from 'node:os';
import { runBacktest } from '../electron/engine/backtest';
import { parseMetric } from '../electron/engine/backtest/metric';
import { expandGrid, parseParamAxis } from '../electron/engine/backtest/param-grid';
import { sweepWith } from '../electron/engine/backtest/sweep';
import { startJobRunner } from '../electron/engine/backtest/sweep-pool';
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
  startMs: number;
  /** First pass: each worker still compiling and warming its own JIT. */
  coldMs: number;
  /** Best of three further passes over the same pool (steady state, as in a long sweep). */
  warmMs: number;
}

/** The same 16-run grid with `workers` threads: startup (tsx + engine import per worker), a cold pass, warm passes. */
async function sweepTimes(series: CandleSeries, workers: number): Promise<SweepTimes> {
  const grid = expandGrid([parseParamAxis('fast=5..20:5'), parseParamAxis('slow=30..60:10')]);
  const base = { symbol: 'FIL/USDT', strategy: 'sma-cross', commission: 0.001, periodsPerYear: 525_600 };
  const metric = parseMetric('sharpe');
  const t0 = performance.now();
  const runner = await startJobRunner(series, base, workers);
  const t1 = performance.now();
  await sweepWith(runner, { grid, metric });
  const t2 = performance.now();
  const warm: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await sweepWith(runner, { grid, metric });
    warm.push(performance.now() - t);
  }
  await runner.close();
  return { startMs: t1 - t0, coldMs: t2 - t1, warmMs: Math.min(...warm) };
}

async function sweepSpeedup(series: CandleSeries): Promise<void> {
  await sweepTimes(series, 1); // fills tsx's transform cache, so neither configuration pays for the first compile
  const one = await sweepTimes(series, 1);
  const two = await sweepTimes(series, 2);
  const fmt = (t: SweepTimes) => `start ${t.startMs.toFixed(0)} ms, cold pass ${t.coldMs.toFixed(0)} ms, warm pass ${t.warmMs.toFixed(0)} ms`;
  console.log(`sweep 16× sma-cross(5..20, 30..60), 1 worker:  ${fmt(one)}`);
  console.log(`sweep 16× sma-cross(5..20, 30..60), 2 workers: ${fmt(two)}`);
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  console.log(
    `sweep speed-up 2 vs 1 workers: ${ratio(one.warmMs, two.warmMs)} warm, ${ratio(one.coldMs, two.coldMs)} cold, ` +
      `${ratio(one.startMs + one.coldMs, two.startMs + two.coldMs)} cold incl. startup (goal ≥ 1.8×; ${availableParallelism()} cores, load ${loadavg()[0].toFixed(1)})`,
  );
}

await main();
if (hasSharedData) await sweepSpeedup(loadFil());
