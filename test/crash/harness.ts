// Crash-safety harness: the emulator lives here, a child trades against it and is SIGKILLed at random moments, again and again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createExchange } from '../../electron/engine/exchange/ccxt-factory';
import { OrderJournal } from '../../electron/engine/execution/journal';
import { LiveBroker } from '../../electron/engine/execution/live';
import { AlertsRepository } from '../../electron/engine/store/alerts-repo';
import { openStore } from '../../electron/engine/store/database';
import { BinanceEmulator, DEFAULT_BALANCES, mulberry32, type FaultSpec } from '../emulator';
import { prepareChild, type ChildCommand } from './build-child';
import { checkCrashState, type CheckResult } from './checks';
import { spawnChild, type CrashChild } from './child-process';
import { SYMBOL } from './session';

export interface CrashOptions {
  kills: number;
  /** Random kill delay after "go", uniform in [min, max] ms. */
  minDelayMs?: number;
  maxDelayMs?: number;
  seed?: number;
  /** Share of rounds that start with one network fault on the order endpoint (default 0.25). */
  faultRate?: number;
  /** Keep killing past `kills` until the emulator accepted this many orders (a loaded machine trades less per round). */
  minOrders?: number;
  /** …but never more rounds than this (default 3 × kills). */
  maxKills?: number;
  log?: (line: string) => void;
}

export interface CrashResult {
  kills: number;
  seed: number;
  childMode: ChildCommand['mode'];
  durationMs: number;
  decisions: number;
  reconciliations: number;
  reconcileChanges: Record<string, number>;
  faultsInjected: number;
  childFailures: string[];
  check: CheckResult;
}

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const RECV_WINDOW = 500;

const FAULTS: FaultSpec[] = [
  { kind: 'drop', path: '/api/v3/order', method: 'POST', count: 1 },
  { kind: 'serverError', status: 503, path: '/api/v3/order', method: 'POST', count: 1 },
  { kind: 'timeout', path: '/api/v3/order', method: 'POST', count: 1 },
  { kind: 'rateLimit', retryAfterSec: 0, path: '/api/v3/order', method: 'POST', count: 1 },
  { kind: 'drop', path: '/api/v3/order', method: 'DELETE', count: 1 },
];

function tally(child: CrashChild, result: CrashResult): void {
  for (const line of child.lines) {
    if (line.startsWith('decision ')) result.decisions += 1;
    if (!line.startsWith('reconciled ')) continue;
    result.reconciliations += 1;
    for (const kind of line.split(' ')[2]?.split(',') ?? []) if (kind) result.reconcileChanges[kind] = (result.reconcileChanges[kind] ?? 0) + 1;
  }
}

/** Final word from outside the children: reconcile once more in-process, then compare journal and emulator. */
async function verify(emulator: BinanceEmulator, dbPath: string): Promise<CheckResult> {
  const { db } = openStore(dbPath);
  try {
    const journal = new OrderJournal(db, { account: 'live:binance' });
    const exchange = createExchange('binance', { apiKey: emulator.apiKey, secret: emulator.apiSecret, urlOverride: emulator.url,
      enableRateLimit: false, timeoutMs: 3_000, options: { recvWindow: RECV_WINDOW, fetchMarkets: { types: ['spot'] } } });
    const broker = new LiveBroker({ exchange, journal, alerts: new AlertsRepository(db), symbols: [SYMBOL] });
    const report = await broker.start();
    const check = checkCrashState(db, journal, emulator, DEFAULT_BALANCES);
    if (broker.state === 'blocked') check.problems.unshift(`final reconciliation blocked: ${JSON.stringify(report.unresolved)}`);
    check.ok = check.problems.length === 0;
    return check;
  } finally {
    db.close();
  }
}

async function killRounds(options: CrashOptions, emulator: BinanceEmulator, cmd: ChildCommand, dbPath: string, result: CrashResult): Promise<void> {
  const rnd = mulberry32(result.seed);
  const env = { CRASH_EMULATOR_URL: emulator.url, CRASH_DB: dbPath, CRASH_RECV_WINDOW: String(RECV_WINDOW) };
  const [min, max] = [options.minDelayMs ?? 40, options.maxDelayMs ?? 500];
  const maxKills = options.maxKills ?? options.kills * 3;
  const wantsRound = (k: number) => k < options.kills || (emulator.orders.length < (options.minOrders ?? 0) && k < maxKills);
  let next: ReturnType<typeof spawnChild> | undefined = spawnChild(cmd, env, root);
  for (let k = 0; wantsRound(k); k++) {
    const child = next ?? spawnChild(cmd, env, root);
    await child.ready;
    // The next child loads while this one trades; it opens the database only when told to go.
    next = k + 1 < options.kills ? spawnChild(cmd, env, root) : undefined;
    if (rnd() < (options.faultRate ?? 0.25)) {
      emulator.faults.set(FAULTS[Math.floor(rnd() * FAULTS.length)]);
      result.faultsInjected += 1;
    }
    child.go();
    const delay = min + rnd() * (max - min);
    const early = await Promise.race([new Promise((r) => setTimeout(() => r(false), delay)), child.exited.then(() => true)]);
    if (early) result.childFailures.push(`round ${k}: child exited by itself: ${child.lines.slice(-3).join(' | ')} ${child.stderr()}`);
    await child.kill();
    tally(child, result);
    result.kills += 1;
    options.log?.(`kill ${k + 1}/${options.kills} after ${Math.round(delay)} ms: ${child.lines.filter((l) => l.startsWith('decision')).length} decisions`);
  }
}

export async function runCrashHarness(options: CrashOptions): Promise<CrashResult> {
  const started = Date.now();
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const emulator = await BinanceEmulator.start({ duplicateClientOrderIdScope: 'open', syntheticLength: 20_000, startIndex: 10 });
  const dir = mkdtempSync(join(tmpdir(), 'quorum-crash-'));
  const dbPath = join(dir, 'journal.db');
  const cmd = await prepareChild();
  const result: CrashResult = { kills: 0, seed, childMode: cmd.mode, durationMs: 0, decisions: 0, reconciliations: 0,
    reconcileChanges: {}, faultsInjected: 0, childFailures: [], check: { ok: false, problems: [], acceptedOrders: 0, duplicateRefusals: 0, fills: 0, integrity: '' } };
  // Candles keep coming while children run and while they are dead, so resting orders fill "while the app is down".
  const market = setInterval(() => emulator.advance(1), 50);
  try {
    await killRounds(options, emulator, cmd, dbPath, result);
    clearInterval(market);
    emulator.faults.clear();
    result.check = await verify(emulator, dbPath);
  } finally {
    clearInterval(market);
    cmd.cleanup();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
  result.durationMs = Date.now() - started;
  return result;
}
