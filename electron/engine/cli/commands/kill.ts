// `quorum kill halt|flatten|status|rearm`: the kill switch from a terminal. With Quorum running on the database the
// latch is written to it and the running app carries it out (it polls the row every second); the command waits for
// the app's reports. Without it, the command starts the engine itself, trips the switch the way the button, tray,
// hotkey and webhook do, and prints what each account cancelled, closed or failed.
import type { Database } from 'better-sqlite3';
import type { Engine } from '../../engine';
import { StorageError } from '../../errors';
import type { KillReport } from '../../execution/kill-switch-executor';
import type { Order } from '../../model/order';
import { KillSwitch, REARM_CONFIRMATION, type KillMode, type KillSwitchState } from '../../risk';
import { AccountsRepository } from '../../accounts/accounts-repo';
import { AlertsRepository } from '../../store/alerts-repo';
import { DB_OPTION, dbPathFrom, parseFlags, type CliIO, type Command, withStore } from '../command';
import { isoTime, table } from '../format';
import { numberFlag } from './backtest-options';
import { killSwitchText } from './trade-books';
import { printAlerts, qty, readAppLock, refuseWhileRunning, sleep, startCliEngine, withCliLock, type AppLockInfo } from './trading-host';

const TRIP_OPTIONS = { ...DB_OPTION, reason: { type: 'string' }, 'exchange-url': { type: 'string' }, 'wait-ms': { type: 'string' } } as const;

/** How long to wait for the running app to report (it polls the row every second), and for our own engine's reports. */
const APP_WAIT_MS = 5_000;
const OWN_WAIT_MS = 30_000;

function tripCommand(mode: Extract<KillMode, 'halt' | 'flatten'>, summary: string): Command {
  return {
    path: ['kill', mode],
    summary,
    usage: `quorum kill ${mode} [--reason TEXT] [--exchange-url URL] [--wait-ms N] [--db PATH]`,
    async run(argv, io) {
      const { values } = parseFlags(argv, TRIP_OPTIONS);
      const db = dbPathFrom(values);
      const reason = values.reason ?? `quorum kill ${mode}`;
      const waitMs = numberFlag(values, 'wait-ms', (n) => Number.isInteger(n) && n > 0, 'a positive integer (milliseconds)');
      const app = readAppLock(db);
      if (app) return viaRunningApp(db, app, { mode, reason, waitMs: waitMs ?? APP_WAIT_MS }, io, values['exchange-url'] !== undefined);
      // Latched before the engine opens: its start-up then carries the switch out on every account before any
      // session could resume (the same order as an app restarting with the switch latched).
      latchOnDisk(db, mode, reason);
      let engine: Engine;
      try {
        engine = startCliEngine(db, io, { exchangeUrl: values['exchange-url'], killSwitchPollMs: 0, inApp: 'use the kill switch' });
      } catch (err) {
        // The app started in between: it is the one to act.
        const holder = readAppLock(db);
        if (err instanceof StorageError && err.code === 'APP_RUNNING' && holder) return viaRunningApp(db, holder, { mode, reason, waitMs: waitMs ?? APP_WAIT_MS }, io, false);
        throw err;
      }
      try {
        return await withOwnEngine(engine, db, { mode, reason, waitMs: waitMs ?? OWN_WAIT_MS }, io);
      } finally {
        await engine.ready;
        engine.close();
      }
    },
  };
}

export const killHalt = tripCommand('halt', 'cancel every open order and stop trading; latched until re-armed (acts through a running app)');
export const killFlatten = tripCommand('flatten', 'halt, then close every position Quorum holds at market; latched until re-armed');

interface Trip {
  mode: KillMode;
  reason: string;
  waitMs: number;
}

interface AlertRow {
  id: number;
  message: string;
  details: string | null;
}

/** The app has the database: write the latch, then wait for its alerts — adopted, then one report per account. */
async function viaRunningApp(db: string, app: AppLockInfo, trip: Trip, io: CliIO, urlIgnored: boolean): Promise<number> {
  return withStore(db, async (store) => {
    const baseline = (store.db.prepare('SELECT COALESCE(MAX(id), 0) AS id FROM alerts').get() as { id: number }).id;
    const expected = new AccountsRepository(store.db).withActivity().map((a) => a.id);
    const { outcome, state } = new KillSwitch(store.db, io.now).trip(trip.mode, trip.reason, 'cli');
    io.out(`Quorum is running on ${db} (pid ${app.pid}, ${app.host}): it carries out the kill switch.${urlIgnored ? ' (--exchange-url is ignored: the app uses its own connection.)' : ''}`);
    if (outcome === 'unchanged') {
      io.out(`The kill switch was already latched: ${killSwitchText(state)}. The app carried it out when it was tripped; quorum kill status shows it.`);
      return 0;
    }
    io.out(`Kill switch ${outcome === 'escalated' ? 'escalated to' : 'latched:'} ${trip.mode} (${trip.reason}); waiting up to ${trip.waitMs / 1000} s for the app…`);
    const read = () => store.db.prepare("SELECT id, message, details FROM alerts WHERE id > ? AND source = 'kill-switch' ORDER BY id").all(baseline) as AlertRow[];
    const deadline = Date.now() + trip.waitMs;
    let rows = read();
    const reportsOf = (all: AlertRow[]) => new Map(all.filter((r) => r.message.startsWith(`Kill switch ${trip.mode} (`) || r.message.startsWith('Kill switch failed on '))
      .map((r) => [accountOfAlert(r), r] as const));
    const adopted = (all: AlertRow[]) => all.some((r) => /^Kill switch (tripped:|escalated to) /.test(r.message));
    while (Date.now() < deadline && !(adopted(rows) && expected.every((a) => reportsOf(rows).has(a)))) {
      await sleep(100);
      rows = read();
    }
    if (!adopted(rows)) {
      io.err(`No confirmation from Quorum (pid ${app.pid}) within ${trip.waitMs / 1000} s. The latch is written: the app acts on it when it next reads the database, and at its next start. Check it there, or with quorum kill status.`);
      return 1;
    }
    io.out(`The app adopted the kill switch (${trip.mode}).`);
    const reports = reportsOf(rows);
    let failed = false;
    for (const [account, row] of reports) {
      const details = row.details ? (JSON.parse(row.details) as { failures?: { what: string; error: string }[]; leftOpen?: string[] }) : {};
      const bad = row.message.startsWith('Kill switch failed on ') || (details.failures?.length ?? 0) > 0 || (details.leftOpen?.length ?? 0) > 0;
      failed ||= bad;
      io.out(`${account}: ${row.message}`);
      for (const f of details.failures ?? []) io.out(`  FAILED ${f.what}: ${f.error}`);
      for (const id of details.leftOpen ?? []) io.out(`  STILL OPEN order ${id}`);
    }
    const missing = expected.filter((a) => !reports.has(a));
    for (const a of missing) io.err(`${a}: no report from the app within ${trip.waitMs / 1000} s (it may still be working on it, or could not connect this account; see its alerts)`);
    if (reports.size === 0 && expected.length === 0) io.out('No account has open orders or positions: nothing to cancel or close.');
    return failed || missing.length > 0 ? 1 : 0;
  });
}

function accountOfAlert(r: AlertRow): string {
  if (r.details) {
    const d = JSON.parse(r.details) as { account?: string };
    if (d.account) return d.account;
  }
  return /^Kill switch failed on (\S+):/.exec(r.message)?.[1] ?? `alert ${r.id}`;
}

/** No app has the database: latch the switch in it (nothing listens yet; the engine started next carries it out). */
function latchOnDisk(db: string, mode: KillMode, reason: string): void {
  return withStore(db, (store) => {
    new KillSwitch(store.db).trip(mode, reason, 'cli');
  });
}

/** Nobody else has the database: our engine's start-up acted on every account with something at stake; print each report. */
async function withOwnEngine(engine: Engine, db: string, trip: Trip, io: CliIO): Promise<number> {
  const unsubscribe = printAlerts(engine, io);
  try {
    io.out(`Quorum is not running on ${db}: connecting the accounts with open orders or positions…`);
    await engine.ready;
    const expected = engine.desk.accounts.withActivity().map((a) => a.id);
    const state = engine.safety.state().killSwitch;
    io.out(`Kill switch latched: ${killSwitchText(state)}`);
    const open = engine.desk.openAccounts();
    const matches = (r: KillReport | undefined) => r !== undefined && r.trigger.mode === state.mode && r.trigger.time === state.trippedAt;
    const deadline = Date.now() + trip.waitMs;
    while (Date.now() < deadline && !open.every((a) => matches(a.lastKill))) await sleep(50);
    let failed = false;
    for (const id of expected.filter((e) => !open.some((a) => a.id === e))) {
      failed = true;
      io.out(`${id}: NOT CONNECTED — its open orders and positions were not touched (see the alert above).`);
    }
    for (const account of open) {
      const report = matches(account.lastKill) ? account.lastKill : undefined;
      if (!report) {
        failed = true;
        io.out(`${account.id}: no report within ${trip.waitMs / 1000} s — check the exchange.`);
        continue;
      }
      failed = printReport(account.id, report, io) || failed;
    }
    if (expected.length === 0 && open.length === 0) io.out('No account has open orders or positions: nothing to cancel or close.');
    return failed ? 1 : 0;
  } finally {
    unsubscribe();
  }
}

/** One account's report; true when something failed or was left open. */
function printReport(account: string, r: KillReport, io: CliIO): boolean {
  const parts = [`${r.cancelled.length} order(s) cancelled`];
  if (r.trigger.mode === 'flatten') parts.push(`${r.closing.length} position(s) closed`, `${r.dust.length} left as dust`);
  io.out(`${account}: ${r.trigger.mode} — ${parts.join(', ')}`);
  for (const o of r.cancelled) io.out(`  cancelled   ${orderLine(o)}`);
  for (const o of r.closing) io.out(`  closed      ${orderLine(o)}${o.filled > 0 ? `, filled ${qty(o.filled)} @ ${qty(o.averagePrice)}` : ''}`);
  for (const p of r.dust) io.out(`  dust        ${qty(p.size)} ${p.symbol} (below the market's minimum order)`);
  for (const o of r.leftOpen) io.out(`  STILL OPEN  ${orderLine(o)}`);
  for (const f of r.failures) io.out(`  FAILED      ${f.what}: ${f.error}`);
  return r.failures.length > 0 || r.leftOpen.length > 0;
}

function orderLine(o: Order): string {
  return `${o.side} ${qty(o.amount)} ${o.symbol} ${o.type}${o.price ? ` @ ${qty(o.price)}` : ''} (id ${o.id}, ${o.status})`;
}

export const killStatus: Command = {
  path: ['kill', 'status'],
  summary: "the kill switch's latch and every account's tripped circuit breakers (safe while the app runs)",
  usage: 'quorum kill status [--json] [--db PATH]',
  run(argv, io) {
    const { values } = parseFlags(argv, { ...DB_OPTION, json: { type: 'boolean' } });
    const db = dbPathFrom(values);
    return withStore(db, (store) => {
      const ks = new KillSwitch(store.db).state();
      const breakers = breakerRows(store.db);
      const app = readAppLock(db);
      if (values.json) {
        io.out(JSON.stringify({ app: app ?? null, killSwitch: ks, breakers }, null, 2));
        return 0;
      }
      io.out(app ? `Quorum is running on ${db} (pid ${app.pid}, ${app.host}).` : `Quorum is not running on ${db}.`);
      io.out(`Kill switch: ${killSwitchText(ks)}${ks.isTripped ? `\n  re-arm: quorum kill rearm --confirm ${REARM_CONFIRMATION}` : ''}`);
      const tripped = breakers.filter((b) => b.tripped);
      if (tripped.length === 0) {
        io.out('Circuit breakers: none tripped.');
        return 0;
      }
      const now = (io.now ?? Date.now)();
      io.out('Circuit breakers tripped:');
      io.out(table(['ACCOUNT', 'BREAKER', 'SINCE', 'RE-ARMS', 'REASON'], tripped.map((b) => [
        b.scope, b.name, b.trippedAt ? isoTime(b.trippedAt) : '?',
        b.rearmAt === null ? 'by hand' : b.rearmAt <= now ? 'cool-down over (re-arms at the next check)' : isoTime(b.rearmAt), b.reason ?? '',
      ])));
      return 0;
    });
  },
};

interface BreakerRow {
  scope: string;
  name: string;
  tripped: boolean;
  trippedAt: number | null;
  reason: string | null;
  rearmAt: number | null;
}

function breakerRows(db: Database): BreakerRow[] {
  const rows = db.prepare('SELECT scope, name, tripped, tripped_at, reason, rearm_at FROM breaker_state ORDER BY scope, name').all() as
    { scope: string; name: string; tripped: number; tripped_at: number | null; reason: string | null; rearm_at: number | null }[];
  return rows.map((r) => ({ scope: r.scope, name: r.name, tripped: r.tripped === 1, trippedAt: r.tripped_at, reason: r.reason, rearmAt: r.rearm_at }));
}

export const killRearm: Command = {
  path: ['kill', 'rearm'],
  summary: 're-arm a latched kill switch (type REARM; refused while the app runs: re-arm it there)',
  usage: `quorum kill rearm --confirm ${REARM_CONFIRMATION} [--db PATH]`,
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...DB_OPTION, confirm: { type: 'string' } });
    const db = dbPathFrom(values);
    // The running app holds the latch in memory and would not see a re-arm written behind its back.
    refuseWhileRunning(db, 're-arm the kill switch');
    return withCliLock(db, 're-arm the kill switch', () => {
      return withStore(db, (store) => {
        const ks = new KillSwitch(store.db, io.now);
        const before: KillSwitchState = ks.state();
        ks.rearm({ confirm: values.confirm });
        if (!before.isTripped) {
          io.out('The kill switch was not tripped: nothing to re-arm.');
          return 0;
        }
        new AlertsRepository(store.db).add({ level: 'warning', source: 'kill-switch', message: `Kill switch re-armed by the trader from the command line (was ${before.mode})` });
        io.out(`Kill switch re-armed (was ${killSwitchText(before)}). Sessions do not restart by themselves: start them again.`);
        return 0;
      });
    });
  },
};
