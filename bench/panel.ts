// Throughput of the agent panel (prepare + decide on every bar) over the 175,680 FILUSDT 1m candles of Aug–Nov 2023.
// Run: npx tsx bench/panel.ts. Goal: ≥ 600,000 candles/s with holdReasons false (what backtests pass: a hold's votes
// skip their reason strings); the figure with full reasons on every bar is printed beside it for comparison.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AgentPanel } from '../electron/engine/agents';
import { concatSeries } from '../electron/engine/data/candle-store';
import { readCandleFile } from '../electron/engine/data/importers';
import type { CandleSeries } from '../electron/engine/model/candle-series';
import type { Position } from '../electron/engine/model/order';
import { SHARED_DIR } from '../test/shared-data';

const FILES = ['08', '09', '10', '11'].map((m) => join(SHARED_DIR, 'data', 'isda-binance-1m', `FILUSDT-1m-2023-${m}.csv`));

async function load(): Promise<CandleSeries> {
  const batches: CandleSeries[] = [];
  for (const file of FILES) {
    const reader = await readCandleFile(file);
    for await (const batch of reader.batches()) batches.push(batch);
  }
  return concatSeries(batches);
}

const GOAL = 600_000;
const RUNS = 7;

interface Run {
  ms: number;
  prepareMs: number;
  actions: Record<string, number>;
}

/** One pass the way the trading loop drives a SignalSource: prepare once, then decide per bar, tracking the position. */
function run(series: CandleSeries, holdReasons: boolean): Run {
  const t0 = performance.now();
  const panel = new AgentPanel();
  panel.prepare(series);
  const t1 = performance.now();
  const actions: Record<string, number> = { buy: 0, sell: 0, exit: 0, hold: 0 };
  let position: Position | undefined;
  for (let i = 0; i < series.length; i++) {
    const d = panel.decide({ index: i, series, symbol: 'FIL/USDT', position, equity: 10_000, cash: 10_000, holdReasons });
    actions[d.action]++;
    if (d.action === 'buy') position = { symbol: 'FIL/USDT', size: 1, entryPrice: series.close[i], openedAt: series.time[i] };
    else if (d.action === 'exit') position = undefined;
  }
  return { ms: performance.now() - t0, prepareMs: t1 - t0, actions };
}

/** Best of RUNS, the two modes interleaved so load from other work on the machine hits both alike. */
function bestRuns(series: CandleSeries): { quiet: Run; full: Run } {
  let quiet: Run | undefined;
  let full: Run | undefined;
  for (let r = 0; r < RUNS; r++) {
    const q = run(series, false);
    if (!quiet || q.ms < quiet.ms) quiet = q;
    const f = run(series, true);
    if (!full || f.ms < full.ms) full = f;
  }
  return { quiet: quiet as Run, full: full as Run };
}

const rate = (n: number, ms: number) => Math.round(n / (ms / 1000));

function report(label: string, n: number, r: Run): number {
  const perSec = rate(n, r.ms);
  console.log(`${label.padEnd(22)} ${r.ms.toFixed(1)} ms (prepare ${r.prepareMs.toFixed(1)} ms)  →  ${perSec.toLocaleString('en-US')} candles/s`);
  return perSec;
}

async function main(): Promise<void> {
  if (!FILES.every((f) => existsSync(f))) {
    console.log(`FILUSDT 1m files not found under ${SHARED_DIR}: nothing to measure`);
    return;
  }
  const series = await load();
  const { quiet, full } = bestRuns(series);
  console.log(`candles                ${series.length}  (best of ${RUNS} each)`);
  const perSec = report('holdReasons false', series.length, quiet);
  report('full reasons', series.length, full);
  console.log(`actions                ${JSON.stringify(quiet.actions)}`);
  if (JSON.stringify(quiet.actions) !== JSON.stringify(full.actions)) console.log(`actions (full) DIFFER  ${JSON.stringify(full.actions)}`);
  console.log(`goal                   ≥ ${GOAL.toLocaleString('en-US')} candles/s: ${perSec >= GOAL ? 'met' : 'NOT met'}`);
}

void main();
