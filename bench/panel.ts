// Throughput of the agent panel (prepare + decide on every bar) over the 175,680 FILUSDT 1m candles of Aug–Nov 2023.
// Run: npx tsx bench/panel.ts  (prints figures only; the backtest goal with the panel is ≥ 250,000 candles/s)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AgentPanel } from '../electron/engine/agents';
import { readCandleFile } from '../electron/engine/data/importers';
import { allocateSeries, type CandleSeries } from '../electron/engine/model/candle-series';
import type { Position } from '../electron/engine/model/order';
import { SHARED_DIR } from '../test/shared-data';

const FILES = ['08', '09', '10', '11'].map((m) => join(SHARED_DIR, 'data', 'isda-binance-1m', `FILUSDT-1m-2023-${m}.csv`));
const FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

async function load(): Promise<CandleSeries> {
  const batches: CandleSeries[] = [];
  for (const file of FILES) {
    const reader = await readCandleFile(file);
    for await (const batch of reader.batches()) batches.push(batch);
  }
  const out = allocateSeries(batches.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of batches) {
    for (const f of FIELDS) out[f].set(b[f], at);
    at += b.length;
  }
  return out;
}

/** One pass the way the trading loop drives a SignalSource: prepare once, then decide per bar, tracking the position. */
function run(series: CandleSeries): { ms: number; prepareMs: number; actions: Record<string, number> } {
  const t0 = performance.now();
  const panel = new AgentPanel();
  panel.prepare(series);
  const t1 = performance.now();
  const actions: Record<string, number> = { buy: 0, sell: 0, exit: 0, hold: 0 };
  let position: Position | undefined;
  for (let i = 0; i < series.length; i++) {
    const d = panel.decide({ index: i, series, symbol: 'FIL/USDT', position, equity: 10_000, cash: 10_000 });
    actions[d.action]++;
    if (d.action === 'buy') position = { symbol: 'FIL/USDT', size: 1, entryPrice: series.close[i], openedAt: series.time[i] };
    else if (d.action === 'exit') position = undefined;
  }
  return { ms: performance.now() - t0, prepareMs: t1 - t0, actions };
}

async function main(): Promise<void> {
  if (!FILES.every((f) => existsSync(f))) {
    console.log(`FILUSDT 1m files not found under ${SHARED_DIR}: nothing to measure`);
    return;
  }
  const series = await load();
  let best = run(series);
  for (let r = 0; r < 4; r++) {
    const next = run(series);
    if (next.ms < best.ms) best = next;
  }
  const perSec = Math.round(series.length / (best.ms / 1000));
  console.log(`candles        ${series.length}`);
  console.log(`prepare        ${best.prepareMs.toFixed(1)} ms`);
  console.log(`prepare+decide ${best.ms.toFixed(1)} ms  →  ${perSec.toLocaleString('en-US')} candles/s (best of 5)`);
  console.log(`actions        ${JSON.stringify(best.actions)}`);
}

void main();
