// Chart data from the engine for a 1,000,000-candle 1m dataset (a seeded random walk in Binance's CSV layout, as
// bench/scale-data.ts writes it, imported the way a trader's file is): how long the assembled engine takes to answer
// candles.get and indicators.series through the contract (validation included), for the whole dataset as the Chart
// page opens it and for a zoomed-in day at 1m, and the size of the binary frame the bridge would send.
// Then the Chromium half (bench/chart-browser.ts): the same dataset from the engine to first paint, and frame times
// while panning and zooming.
// Run: npm run bench:chart  (figures only; BENCH_ROWS=200000 for a shorter one)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Reply } from '../shared/contract';
import type { CandlesReply } from '../shared/runs-contract';
import { encodeFrame } from '../shared/wire-frames';
import { CandleStore } from '../electron/engine/data/candle-store';
import { importCandleFile } from '../electron/engine/data/import-files';
import { Engine } from '../electron/engine/engine';
import { createLogger } from '../electron/engine/log/logger';
import { benchChartInBrowser } from './chart-browser';
import { MINUTE, SCALE_START, writeScaleCsv } from './scale-data';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
/** What the Chart page asks for when it opens a dataset, and for a zoomed-in window (three widths). */
const VISIBLE_BARS = 10_000;
const WINDOW_BARS = 3 * VISIBLE_BARS + 4;
const ROUNDS = 5;
const KEY = { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m' } as const;
const STUDIES = [
  ['rsi', { period: 14 }], ['ema', { period: 200 }], ['bbands', {}], ['macd', {}], ['stoch', {}], ['adx', {}], ['vwap', { sessionHours: 24 }], ['obv', {}],
] as const;

const dir = mkdtempSync(join(tmpdir(), 'quorum-chart-bench-'));
const csv = join(dir, 'BTCUSDT-1m.csv');
await writeScaleCsv(csv, ROWS);
const engine = Engine.start({ dbPath: join(dir, 'chart.db'), host: 'test', logger: createLogger({ sink: { write: () => true }, level: 'info' }) });
await engine.ready;
let t = performance.now();
await importCandleFile(new CandleStore(engine.store.db), csv, { exchange: KEY.exchange, symbol: KEY.symbol, timeframe: '1m' });
console.log(`chart benchmark: ${ROWS.toLocaleString('en-US')} 1m candles imported in ${((performance.now() - t) / 1000).toFixed(2)} s`);

async function ask<T>(channel: 'candles.get' | 'indicators.series', payload: Record<string, unknown>): Promise<{ value: T; ms: number; bytes: number }> {
  const times: number[] = [];
  let reply: Reply | undefined;
  for (let i = 0; i < ROUNDS; i++) {
    t = performance.now();
    reply = await engine.dispatcher.dispatch(channel, { ...KEY, ...payload });
    times.push(performance.now() - t);
  }
  if (!reply?.ok) throw new Error(JSON.stringify(reply?.error));
  const frame = encodeFrame({ type: 'reply', id: 1, reply });
  // The median round: the first pays for SQLite's page cache.
  return { value: reply.value as T, ms: times.sort((a, b) => a - b)[ROUNDS >> 1], bytes: typeof frame === 'string' ? frame.length : frame.byteLength };
}

const fmt = (ms: number) => `${ms.toFixed(1).padStart(7)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

for (const [label, range] of [
  ['whole dataset', { maxBars: VISIBLE_BARS }],
  ['a zoomed-in day', { from: SCALE_START + Math.floor(ROWS / 2) * MINUTE, to: SCALE_START + Math.floor(ROWS / 2) * MINUTE + 1_440 * MINUTE, maxBars: WINDOW_BARS }],
] as const) {
  const candles = await ask<CandlesReply>('candles.get', range);
  const { time, resolution } = candles.value;
  console.log(`\n${label}: ${time.length.toLocaleString('en-US')} bars at ${resolution}`);
  console.log(`  candles.get           ${fmt(candles.ms)}  frame ${kb(candles.bytes)}`);
  const span = { from: time[0], to: time[time.length - 1] + 1, resolution, maxBars: time.length };
  let total = candles.ms;
  for (const [name, params] of STUDIES) {
    const series = await ask<{ warmUpBars: number }>('indicators.series', { ...span, name, params });
    total += series.ms;
    console.log(`  indicators.series ${name.padEnd(6)} ${fmt(series.ms)}  frame ${kb(series.bytes)}  warm-up ${series.value.warmUpBars.toLocaleString('en-US')} bars`);
  }
  console.log(`  candles + ${STUDIES.length} studies ${fmt(total)}`);
}

engine.close();
// The same database, now served to Chromium by the headless server (skipped, saying why, without a browser or build).
try {
  await benchChartInBrowser(join(dir, 'chart.db'), `${KEY.exchange}:${KEY.symbol}:${KEY.timeframe}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
