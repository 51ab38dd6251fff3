// Accelerated paper soak (`npm run soak:paper`): the engine as the app assembles it, on the Binance emulator with real
// one-minute candles, three paper sessions (and one live session, so the order paths see faults too) for 48 simulated
// hours, with seeded faults on every path and a restart every few simulated hours. Ends with checks that nothing was
// lost or doubled and that every account's positions reconcile; the last line says so, or says what failed (exit 1).
//
//   npm run soak:paper                      48 h, random seed (printed)
//   npm run soak:paper -- --seed 42         reproduce a run
//   npm run soak:paper -- --hours 6         shorter
//   options: --no-live, --no-startup-faults (no transient error set while the app is closed for a restart),
//            --fault-every <bars> (mean bars between faults, default 4),
//            --timeout-every <hours> (at most one timeout fault per this many simulated hours, default 4),
//            --restart <min>-<max> (simulated hours between restarts, default 3-5), --keep (keep the database)
//
// Wall time is set by ccxt's client-side rate limiter (on, as the app builds its clients; the engine offers no way to
// pass another client): ~0.5 s a bar with the live account, ~0.2 s without, so 48 h takes ~25 min (~10 min with
// --no-live). A fault schedule is fixed by the seed; which request of a bar a fault meets may vary with timing.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SessionRequest } from '../electron/engine/accounts/session-request';
import { Engine } from '../electron/engine/engine';
import { createLogger } from '../electron/engine/log/logger';
import type { Alert } from '../shared/domain';
import { BinanceEmulator, DEFAULT_MARKETS, TEST_API_KEY, TEST_API_SECRET } from '../test/emulator';
import { memoryCredentials } from '../test/support/memory-credentials';
import { NEAR_MARKET, soakSeries } from './soak-data';
import { between, FaultInjector, prng } from './soak-faults';
import { verifySoak, type TapeFill, type VerifyResult } from './soak-verify';

// ── options ─────────────────────────────────────────────────────────────────
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);
const seed = Number(arg('seed') ?? Math.floor(Math.random() * 2 ** 31));
const hours = Number(arg('hours') ?? 48);
const live = !flag('no-live');
const startupFaults = !flag('no-startup-faults');
const faultEvery = Number(arg('fault-every') ?? 4);
const timeoutEveryHours = Number(arg('timeout-every') ?? 4);
const [restartMinH, restartMaxH] = (arg('restart') ?? '3-5').split('-').map(Number);
if (![seed, hours, faultEvery, timeoutEveryHours, restartMinH, restartMaxH].every((n) => Number.isFinite(n) && n >= 0) || hours <= 0) {
  console.error('usage: soak-paper [--seed N] [--hours H] [--no-live] [--no-startup-faults] [--fault-every BARS] [--timeout-every HOURS] [--restart MIN-MAX] [--keep]');
  process.exit(2);
}

const BARS = Math.round(hours * 60);
/** The last bars run without new faults, so retries and lookups settle before the checks. */
const SETTLE_BARS = Math.min(15, Math.floor(BARS / 4));
/** Candles before "now" at the start: the sessions' warm-up window comes from them. */
const START_INDEX = 600;
const PAPER_ACCOUNT = 'paper:binance';
const LIVE_ACCOUNT = 'live:binance';
const PAPER_CASH = 12_000;
const LIVE_WALLET = { USDT: 10_000, FIL: 5_000 };

const base = { account: 'binance', timeframe: '1m', windowBars: 300, resumeOnStart: true } as const;
const PAPER_SESSIONS: SessionRequest[] = [
  { ...base, mode: 'paper', cash: PAPER_CASH, symbol: 'FIL/USDT', strategy: 'sma-cross', params: { fast: 5, slow: 20 }, budget: 3_000, stopLossPct: 1.5 },
  { ...base, mode: 'paper', symbol: 'BTC/USDT', strategy: 'ema-cross', params: {}, budget: 3_000 },
  { ...base, mode: 'paper', symbol: 'NEAR/USDT', strategy: 'panel', params: {}, budget: 3_000 },
];
const LIVE_SESSION: SessionRequest = { ...base, mode: 'live', symbol: 'FIL/USDT', strategy: 'sma-cross', params: { fast: 3, slow: 8 }, budget: 2_000, stopLossPct: 1 };

const mb = (bytes: number) => Math.round(bytes / 1_048_576);
/** RSS after a full collection when the script runs with --expose-gc (the npm script does), so samples compare. */
const rssNow = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
};
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
/** The database's size as SQLite counts it (pages, committed WAL content included), not the WAL file's high-water mark. */
const dbBytes = (e: Engine) => Number(e.store.db.pragma('page_count', { simple: true })) * Number(e.store.db.pragma('page_size', { simple: true }));

// ── the rig ─────────────────────────────────────────────────────────────────
const wallStart = performance.now();
const rng = prng(seed);
const dir = mkdtempSync(join(tmpdir(), 'quorum-soak-'));
const dbPath = join(dir, 'soak.db');
const series = soakSeries(START_INDEX + BARS + 5);
const emulator = await BinanceEmulator.start({
  markets: { BTCUSDT: DEFAULT_MARKETS.BTCUSDT, FILUSDT: DEFAULT_MARKETS.FILUSDT, NEARUSDT: NEAR_MARKET },
  series: Object.fromEntries(series.map((s) => [s.symbol, s.candles])),
  interval: '1m', startIndex: START_INDEX, balances: { ...LIVE_WALLET },
});
const now = () => emulator.currentCandle('FIL/USDT').time + 60_000 + 1;
const credentials = memoryCredentials();
await credentials.save('binance', { apiKey: TEST_API_KEY, secret: TEST_API_SECRET });
const logLevels: Record<string, number> = {};
const logErrors: string[] = [];
const logger = createLogger({
  level: 'warn',
  sink: {
    write: (line: string) => {
      const level = /"level":"(\w+)"/.exec(line)?.[1] ?? '?';
      logLevels[level] = (logLevels[level] ?? 0) + 1;
      if ((level === 'error' || level === 'fatal') && logErrors.length < 10) logErrors.push(line.slice(0, 400));
    },
  },
});
const alerts: Alert[] = [];
const paperTape: TapeFill[] = [];
const problems: string[] = [];
let engine = undefined as unknown as Engine;
let restarts = 0;
let restartMs = 0;
const faults = new FaultInjector(emulator, rng, { live, everyBars: faultEvery, timeoutEveryBars: timeoutEveryHours * 60 });

const taped = new WeakSet<object>();
/** Records every fill the paper venue reports, from outside the engine (once per venue instance: a restart makes a new one). */
function tapePaper(e: Engine): void {
  const account = e.desk.account(PAPER_ACCOUNT);
  if (!account?.isOpen || taped.has(account.broker)) return;
  taped.add(account.broker);
  account.broker.subscribe({
    orderUpdated: () => undefined,
    filled: (f, o) => void paperTape.push({ clientOrderId: o.clientOrderId, price: f.price, amount: f.amount }),
  });
}

async function open(): Promise<Engine> {
  const e = Engine.start({ dbPath, host: 'test', logger, exchangeUrl: emulator.url, credentials, deskPollMs: 0, killSwitchPollMs: 0, now });
  e.events.subscribe((event, payload) => {
    if (event === 'alert.raised') alerts.push(payload as Alert);
  });
  engine = e;
  await e.ready;
  return e;
}

type Book = { symbol: string; account: string; size: number; cash: number };
function books(e: Engine): Map<number, Book> {
  return new Map(e.desk.status().sessions.map((s) => [s.id, { symbol: s.request.symbol, account: s.account, size: s.position?.size ?? 0, cash: s.cash ?? NaN }]));
}
/** Sessions a restart did not bring back: the soak starts them again as the trader would, once a bar until it works. */
const notResumed: { id: number; request: SessionRequest; since: number; tries: number }[] = [];
async function startAgain(bar: number): Promise<void> {
  for (const s of [...notResumed]) {
    s.tries++;
    try {
      await engine.startDesk(s.request);
      notResumed.splice(notResumed.indexOf(s), 1);
      tapePaper(engine);
      console.log(`  bar ${bar}: session ${s.id} (${s.request.symbol}) started again by hand after ${s.tries} tries (${bar - s.since} bars without it)`);
    } catch (err) {
      if (s.tries === 1 || s.tries % 60 === 0) console.log(`  bar ${bar}: starting session ${s.id} again failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
const fillCount = (e: Engine) => (e.store.db.prepare('SELECT COUNT(*) AS n FROM fills').get() as { n: number }).n;

/** Quit and start again on the same file: every session must come back by itself, holding what it held. */
async function restart(bar: number): Promise<void> {
  const t = performance.now();
  const before = books(engine);
  const fillsBefore = fillCount(engine);
  const alertsBefore = alerts.length;
  const faultsWaiting = faults.pending().map((f) => `${f.kind} ${f.detail} on ${f.target}`);
  engine.close();
  // No start-up faults in the settle period nor on the final restart, whose books the last checks read.
  const startupFault = startupFaults && bar <= BARS - SETTLE_BARS ? faults.atRestart(bar, 0.5) : undefined;
  const e = await open();
  // A resume that met a transient error is retried by the engine at each poll (never stopped): give it three polls.
  for (let i = 0; i < 3 && e.desk.status().sessions.length < before.size; i++) await e.desk.step();
  tapePaper(e);
  restarts++;
  restartMs += performance.now() - t;
  const after = books(e);
  const reconciledFills = fillCount(e) - fillsBefore;
  for (const [id, b] of before) {
    const a = after.get(id);
    if (!a) {
      const why = e.store.db.prepare('SELECT status, stop_reason AS reason FROM sessions WHERE id = ?').get(id) as { status: string; reason: string };
      const met = [...faultsWaiting, ...(startupFault ? [`${startupFault.kind} on ${startupFault.target} set at start-up`] : [])];
      problems.push(`restart ${restarts} (bar ${bar}): session ${id} (${b.account} ${b.symbol}) did not resume: ${why.status}, "${why.reason}"`
        + ` (fault rules the start-up could meet: ${met.join('; ') || 'none'})`);
      const request = [...PAPER_SESSIONS, LIVE_SESSION].find((r) => r.symbol === b.symbol && `${r.mode}:binance` === b.account);
      if (request) notResumed.push({ id, request, since: bar, tries: 0 });
    } else if (Math.abs(a.size - b.size) > 1e-9 || (reconciledFills === 0 && Math.abs(a.cash - b.cash) > 1e-6)) {
      const line = `restart ${restarts} (bar ${bar}): session ${id} (${b.symbol}) held ${b.size} / cash ${b.cash.toFixed(4)} before, ${a.size} / ${a.cash.toFixed(4)} after`;
      if (reconciledFills > 0) console.log(`  note: ${line} (start-up reconciliation journaled ${reconciledFills} fill(s))`);
      else problems.push(line);
    }
  }
  if (e.desk.status().sessions.length < before.size) {
    for (const a of alerts.slice(alertsBefore)) console.log(`  restart ${restarts} alert: [${a.level} ${a.source}] ${a.message}`);
  }
  const liveAccount = e.desk.account(LIVE_ACCOUNT);
  const liveBroker = liveAccount?.isOpen ? liveAccount.broker as { state?: string; blockReason?: string } : undefined;
  if (liveBroker?.state === 'blocked') problems.push(`restart ${restarts} (bar ${bar}): live trading blocked after reconciliation: ${liveBroker.blockReason}`);
}

function status(bar: number, label: string): string {
  const orders = (engine.store.db.prepare('SELECT COUNT(*) AS n FROM orders WHERE account_id IS NOT NULL').get() as { n: number }).n;
  const t = faults.tally();
  const held = engine.desk.status().sessions.map((s) => `${s.request.symbol.split('/')[0]}${s.account.startsWith('live') ? '(live)' : ''} ${Number((s.position?.size ?? 0).toPrecision(4))}`).join(', ');
  return `[${label}] bar ${bar}/${BARS}: ${orders} orders, ${fillCount(engine)} fills, faults ${t.hit}/${t.set}, restarts ${restarts}, RSS ${mb(process.memoryUsage().rss)} MB, ${secs(performance.now() - wallStart)} — ${held}`;
}

// ── run ─────────────────────────────────────────────────────────────────────
console.log(`soak: seed ${seed}, ${hours} h = ${BARS} one-minute bars, ${PAPER_SESSIONS.length} paper sessions${live ? ' + 1 live' : ''}, a fault every ~${faultEvery} bars, restarts every ${restartMinH}-${restartMaxH} h${startupFaults ? ' (half of them meeting one transient error at start-up)' : ''}`);
for (const s of series) console.log(`  ${s.symbol}: ${s.source}`);
await open();
if (live) await engine.arming.arm('binance', 'ARM LIVE');
for (const request of PAPER_SESSIONS) await engine.startDesk(request);
if (live) await engine.startDesk(LIVE_SESSION);
tapePaper(engine);
for (const s of engine.desk.status().sessions) {
  console.log(`  session ${s.id}: ${s.account} ${s.request.symbol} ${s.request.strategy} ${JSON.stringify(s.request.params)} budget ${s.budget}${s.request.stopLossPct ? `, stop-loss ${s.request.stopLossPct}% at the venue` : ''}`);
}
const rssLaunch = rssNow();
/** The start sample is taken after the first simulated hour: loading, JIT and first allocations are behind by then. */
let rssStart = rssLaunch;
let rssPeak = rssStart;
const dbStart = dbBytes(engine);
const loopStart = performance.now();
let stepMs = 0;
let slowestStep = 0;
let requests = 0;
let nextRestart = between(rng, restartMinH * 60, restartMaxH * 60);

for (let bar = 1; bar <= BARS; bar++) {
  if (bar <= BARS - SETTLE_BARS) faults.maybeInject(bar);
  else if (bar === BARS - SETTLE_BARS + 1) faults.clear();
  emulator.advance(1);
  const t = performance.now();
  if (notResumed.length > 0) await startAgain(bar);
  await engine.desk.step();
  const dt = performance.now() - t;
  stepMs += dt;
  slowestStep = Math.max(slowestStep, dt);
  // The emulator keeps every request; the soak measures the engine's memory, so the log is counted and dropped.
  requests += emulator.requestLog.length;
  if (bar % 30 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  if (bar === Math.min(60, BARS)) rssStart = rssNow();
  emulator.requestLog.splice(0);
  if (bar === nextRestart && bar < BARS) {
    await restart(bar);
    nextRestart = bar + between(rng, restartMinH * 60, restartMaxH * 60);
  }
  if (bar % 360 === 0 || bar === BARS) console.log(status(bar, `${(bar / 60).toFixed(0)}h`));
}
const loopMs = performance.now() - loopStart;

// ── checks ──────────────────────────────────────────────────────────────────
const input = { emulator, paperAccount: PAPER_ACCOUNT, paperCash: PAPER_CASH, paperTape, liveAccount: live ? LIVE_ACCOUNT : undefined, liveStart: LIVE_WALLET };
const atEnd = await verifySoak({ ...input, engine });
const rssEnd = rssNow();
const dbEnd = dbBytes(engine);
// One more restart after the last bar: the checks must hold for the books the sessions come back with, too.
await restart(BARS);
const afterRestart = await verifySoak({ ...input, engine });
const merged: VerifyResult = {
  accounts: atEnd.accounts,
  lost: [...new Set([...atEnd.lost, ...afterRestart.lost])],
  duplicated: [...new Set([...atEnd.duplicated, ...afterRestart.duplicated])],
  unreconciled: [...new Set([...atEnd.unreconciled, ...afterRestart.unreconciled.map((u) => `after the final restart: ${u}`)])],
  notes: [...new Set([...atEnd.notes, ...afterRestart.notes])],
};

const t = faults.tally();
const criticals = alerts.filter((a) => a.level === 'critical');
const breakers = engine.safety.state().breakers.filter((b) => b.isTripped).map((b) => `${b.name}@${b.account ?? 'all'}`);
const breakerTrips = alerts.filter((a) => /breaker/i.test(a.message)).length;
console.log('');
for (const a of merged.accounts) {
  console.log(`${a.account}: ${a.orders} orders journaled (${a.venueOrders} at the venue, ${a.filledOrders} filled), ${a.fills} fills; holds ${a.positions}`);
  console.log(`  by role:status ${JSON.stringify(a.byRole)}`);
}
const perSession = engine.store.db.prepare(`SELECT s.id, s.account_id AS account, s.symbol, s.strategy,
  SUM(o.role = 'entry' AND o.filled > 0) AS entries, SUM(o.role = 'exit' AND o.filled > 0) AS exits,
  SUM(o.role = 'stop-loss') AS stops, SUM(o.role = 'stop-loss' AND o.filled > 0) AS fired, SUM(o.status = 'rejected') AS rejected
  FROM sessions s LEFT JOIN orders o ON o.session_id = s.id GROUP BY s.id ORDER BY s.id`).all() as Record<string, number | string>[];
for (const p of perSession) {
  console.log(`  session ${p.id} ${p.account} ${p.symbol} ${p.strategy}: ${p.entries ?? 0} entries, ${p.exits ?? 0} exits filled; ${p.stops ?? 0} stop-losses placed, ${p.fired ?? 0} fired; ${p.rejected ?? 0} orders refused`);
}
console.log(`faults: ${t.set} injected, ${t.hit} hit a request; by kind ${JSON.stringify(t.byKind)}; by path ${JSON.stringify(t.byTarget)}`);
console.log(`restarts: ${restarts - 1} during the run + 1 after the last bar (${secs(restartMs)} in all); HTTP requests served: ${requests}`);
console.log(`alerts: ${alerts.length} (${criticals.length} critical); breaker alerts ${breakerTrips}, tripped at the end: ${breakers.join(', ') || 'none'}; engine log: ${JSON.stringify(logLevels)}`);
console.log(`time: ${secs(performance.now() - wallStart)} wall (loop ${secs(loopMs)}: steps ${secs(stepMs)}, ${(stepMs / BARS).toFixed(0)} ms/bar mean, slowest ${secs(slowestStep)})`);
console.log(`memory: RSS ${mb(rssLaunch)} MB at launch, ${mb(rssStart)} MB after the first simulated hour → ${mb(rssEnd)} MB at the end${(globalThis as { gc?: unknown }).gc ? ' (each after a full GC)' : ''} (peak sample ${mb(rssPeak)} MB, heap used ${mb(process.memoryUsage().heapUsed)} MB); database ${(dbStart / 1_048_576).toFixed(2)} → ${(dbEnd / 1_048_576).toFixed(2)} MB`);
for (const n of merged.notes) console.log(`note: ${n}`);
for (const line of logErrors.slice(0, 5)) console.log(`engine error log: ${line}`);
for (const a of criticals.slice(0, 8)) console.log(`critical alert: [${a.source}] ${a.message}`);
const failures = [...problems, ...merged.lost.map((l) => `lost: ${l}`), ...merged.duplicated.map((d) => `duplicated: ${d}`), ...merged.unreconciled.map((u) => `unreconciled: ${u}`)];
for (const f of failures.slice(0, 40)) console.log(`FAIL ${f}`);
if (failures.length > 40) console.log(`FAIL … and ${failures.length - 40} more`);

engine.close();
const dbFile = statSync(dbPath).size;
await emulator.close();
console.log(`database file after the last close: ${(dbFile / 1_048_576).toFixed(2)} MB${flag('keep') ? ` (kept: ${dbPath})` : ''}`);
if (!flag('keep')) rmSync(dir, { recursive: true, force: true });

const orders = merged.accounts.reduce((sum, a) => sum + a.orders, 0);
const rss = `RSS ${mb(rssStart)}→${mb(rssEnd)} MB`;
const simulated = `${Number(hours.toFixed(2))}h simulated`;
if (failures.length === 0) {
  console.log(`soak: ${simulated}, ${orders} orders, 0 lost, 0 duplicated, positions reconciled, ${rss}`);
  process.exit(0);
} else {
  console.log(`soak: FAILED (seed ${seed}) — ${simulated}, ${orders} orders, ${merged.lost.length} lost, ${merged.duplicated.length} duplicated, `
    + `${merged.unreconciled.length === 0 ? 'positions reconciled' : `${merged.unreconciled.length} position/cash mismatches`}, ${problems.length} restart problems, ${rss}`);
  process.exit(1);
}
