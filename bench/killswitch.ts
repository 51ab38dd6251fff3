// Benchmarks the kill-switch executor: 50 open limit orders on the emulator, halt, time to cancels sent and confirmed.
// Run: npx tsx bench/killswitch.ts  (prints figures only; goal p99 < 250 ms from trigger to all cancel requests sent)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExchange } from '../electron/engine/exchange/ccxt-factory';
import { KillSwitchExecutor } from '../electron/engine/execution/kill-switch-executor';
import { OrderJournal } from '../electron/engine/execution/journal';
import { LiveBroker } from '../electron/engine/execution/live';
import { openStore } from '../electron/engine/store/database';
import { BinanceEmulator } from '../test/emulator';

const RUNS = 100;
const ORDERS = 50;

interface Timing {
  sent: number;
  received: number;
  confirmed: number;
  done: number;
}

const dir = mkdtempSync(join(tmpdir(), 'quorum-bench-kill-'));
const emulator = await BinanceEmulator.start({ balances: { USDT: 1e9, BTC: 10 } });
const exchange = createExchange('binance', { apiKey: emulator.apiKey, secret: emulator.apiSecret, urlOverride: emulator.url,
  enableRateLimit: true, options: { fetchMarkets: { types: ['spot'] } } });
const { db } = openStore(join(dir, 'journal.db'));
const broker = new LiveBroker({ exchange, journal: new OrderJournal(db, { account: 'live:binance' }), symbols: ['BTC/USDT'] });
const executor = new KillSwitchExecutor(broker);

// Cancel requests as ccxt hands them to the network, and their answers, on the same clock as the trigger.
let cancelsSent: number[] = [];
let cancelsAnswered: number[] = [];
const originalFetch = exchange.fetch.bind(exchange);
exchange.fetch = (async (url: string, method = 'GET', headers?: unknown, body?: unknown) => {
  const isCancel = method === 'DELETE' && url.includes('/api/v3/order');
  if (isCancel) cancelsSent.push(performance.now());
  try {
    return await originalFetch(url, method, headers as never, body as never);
  } finally {
    if (isCancel) cancelsAnswered.push(performance.now());
  }
}) as typeof exchange.fetch;

async function placeOrders(run: number): Promise<void> {
  // Setup only: without ccxt's throttle, so 100 rounds of 50 orders take seconds, not minutes.
  exchange.enableRateLimit = false;
  const price = emulator.price('BTC/USDT');
  await Promise.all(Array.from({ length: ORDERS }, (_, k) => broker.createOrder({
    clientOrderId: `bench-${run}-${k}`, symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.001,
    price: Math.round(price * 0.8) + k, decisionTime: run,
  })));
  exchange.enableRateLimit = true;
}

async function oneRun(run: number): Promise<Timing> {
  await placeOrders(run);
  cancelsSent = [];
  cancelsAnswered = [];
  const logFrom = emulator.requestLog.length;
  const wallStart = Date.now();
  const t0 = performance.now();
  const report = await executor.execute({ mode: 'halt', reason: 'bench', source: 'cli', time: Date.now() });
  const done = performance.now() - t0;
  if (report.cancelled.length !== ORDERS || cancelsSent.length !== ORDERS) {
    console.warn(`run ${run}: ${report.cancelled.length} cancelled, ${cancelsSent.length} cancel requests (expected ${ORDERS})`);
  }
  const received = emulator.requestLog.slice(logFrom).filter((r) => r.method === 'DELETE').map((r) => r.time - wallStart);
  return { sent: Math.max(...cancelsSent) - t0, received: Math.max(...received), confirmed: Math.max(...cancelsAnswered) - t0, done };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

const fmt = (ms: number): string => `${ms.toFixed(1).padStart(7)} ms`;

await broker.start();
const timings: Timing[] = [];
for (let run = 0; run < RUNS + 3; run++) {
  const t = await oneRun(run);
  if (run >= 3) timings.push(t); // the first rounds warm the JIT and the HTTP agent
}
console.log(`kill switch halt: ${ORDERS} open limit orders, ${RUNS} runs, emulator on 127.0.0.1, ccxt throttle on (bypassed for the burst)`);
const rows: [string, keyof Timing][] = [
  ['trigger → all cancel requests sent', 'sent'],
  ['trigger → all received by exchange', 'received'],
  ['trigger → all cancels confirmed', 'confirmed'],
  ['trigger → halt done (incl. recheck)', 'done'],
];
for (const [label, key] of rows) {
  const values = timings.map((t) => t[key]);
  console.log(`${label.padEnd(38)} p50 ${fmt(percentile(values, 0.5))}   p99 ${fmt(percentile(values, 0.99))}   max ${fmt(Math.max(...values))}`);
}
const p99 = percentile(timings.map((t) => t.sent), 0.99);
console.log(`goal p99 < 250 ms to all sent: ${p99 < 250 ? 'met' : 'NOT met'} (${p99.toFixed(1)} ms); received is at 1 ms resolution (Date.now)`);
db.close();
await emulator.close();
rmSync(dir, { recursive: true, force: true });
