// `quorum trade start|stop|list|status|arm` against the Binance emulator: the CLI trades through the same engine and
// contract as the app, refuses to write while another process has the database, and reads sessions and positions
// from the journal. Real SQLite files, ccxt over HTTP; the CLI's clock follows the emulator's candles and each poll
// publishes the next one.
import { existsSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/engine/cli/main';
import { Engine } from '../../../electron/engine/engine';
import { attributedPositions, OrderJournal } from '../../../electron/engine/execution/journal';
import { openStore } from '../../../electron/engine/store/database';
import { hasSharedData } from '../../shared-data';
import { captureLogger } from '../../support/engine';
import { tempDir } from '../../support/temp';
import { tradingRig, type Rig } from '../../support/trading-rig';

const dir = tempDir();
let rig: Rig | undefined;
afterEach(async () => { await rig?.dispose(); rig = undefined; });

/** The CLI in-process, with the rig's keychain, the emulator's clock, and one new candle per poll. */
function cliOf(r: Rig, wait: () => Promise<void> = async () => r.emulator.advance(1)) {
  const seen = { out: '', err: '' };
  const quorum = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli([...argv, '--db', r.dbPath], {
      out: (t) => { out += t + '\n'; seen.out += t + '\n'; }, err: (t) => { err += t + '\n'; seen.err += t + '\n'; },
      credentials: () => r.credentials,
      now: () => r.emulator.currentCandle('FIL/USDT').time + 60_000 + 1,
      wait,
    });
    return { code, out, err };
  };
  return Object.assign(quorum, { seen });
}

const SESSION = ['--account', 'binance', '--symbol', 'FIL/USDT', '--timeframe', '1m', '--strategy', 'sma-cross', '--param', 'fast=3', '--param', 'slow=8', '--window-bars', '300'];

/** What a session holds through its own fills in the account's journal. */
function heldBy(db: string, account: string, sessionId: number): number {
  const { db: conn } = openStore(db);
  try {
    return attributedPositions(new OrderJournal(conn, { account }).fills()).find((p) => p.sessionId === sessionId)?.size ?? 0;
  } finally {
    conn.close();
  }
}

function count(db: string, sql: string, ...args: unknown[]): number {
  const { db: conn } = openStore(db);
  try {
    return (conn.prepare(sql).get(...args) as { n: number }).n;
  } finally {
    conn.close();
  }
}

describe.skipIf(!hasSharedData)('quorum trade', () => {
  it('start --bars N paper-trades N bars, prints the decisions that act and the fills, then stops the session', async () => {
    const r = (rig = await tradingRig(dir, 'paper.db'));
    const quorum = cliOf(r);
    const run = await quorum('trade', 'start', '--mode', 'paper', ...SESSION, '--cash', '10000', '--budget', '5000', '--bars', '60', '--poll-ms', '1', '--exchange-url', r.emulator.url);
    expect(run.code).toBe(0);
    // Alerts raised meanwhile (a breaker tripping on paper losses) go to stderr, one line each.
    expect(run.err.split('\n').filter(Boolean).every((l) => l.startsWith('ALERT '))).toBe(true);
    expect(run.out).toMatch(/Session 1 started: paper:binance FIL\/USDT 1m sma-cross fast=3 slow=8, budget 5,000\.00 USDT/);
    expect(run.out).toMatch(/Session 1 stopped \(60 bar\(s\) done\)\./);

    const runId = count(r.dbPath, 'SELECT run_id AS n FROM sessions WHERE id = 1');
    expect(count(r.dbPath, 'SELECT COUNT(*) AS n FROM decisions WHERE run_id = ?', runId)).toBe(60);
    const acting = count(r.dbPath, "SELECT COUNT(*) AS n FROM decisions WHERE run_id = ? AND action <> 'hold'", runId);
    expect(acting).toBeGreaterThan(2);
    expect(run.out.match(/ decision {2}FIL\/USDT {2}(BUY|SELL|EXIT) /g)).toHaveLength(acting);
    const fills = count(r.dbPath, "SELECT COUNT(*) AS n FROM fills f JOIN orders o ON o.id = f.order_id WHERE o.account_id = 'paper:binance'");
    expect(fills).toBeGreaterThan(0);
    expect(run.out.match(/ fill {6}paper:binance {2}session 1 {2}(BUY|SELL) /g)).toHaveLength(fills);
    // Paper never sends an order; the session is stopped and the database free again.
    expect(r.emulator.orderRequests).toHaveLength(0);
    expect(count(r.dbPath, "SELECT COUNT(*) AS n FROM sessions WHERE id = 1 AND status = 'stopped'")).toBe(1);
    expect(existsSync(`${r.dbPath}.lock`)).toBe(false);
  });

  it('a resume-on-start session stays resumable when the command ends, and the same command carries on with it', async () => {
    const r = (rig = await tradingRig(dir, 'resume.db'));
    const quorum = cliOf(r);
    const args = ['trade', 'start', '--mode', 'paper', ...SESSION, '--resume-on-start', '--poll-ms', '1', '--exchange-url', r.emulator.url];
    const first = await quorum(...args, '--bars', '5');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Session 1 stays marked resume-on-start/);
    expect(count(r.dbPath, "SELECT COUNT(*) AS n FROM sessions WHERE id = 1 AND status = 'running' AND resume_on_start = 1")).toBe(1);

    const again = await quorum(...args, '--bars', '5');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/Resumed session 1 \(resume-on-start\)/);
    expect(again.out).toMatch(/Session 1 already trades this market with sma-cross: carrying on with it/);
    expect(count(r.dbPath, 'SELECT COUNT(*) AS n FROM sessions')).toBe(1);

    const stop = await quorum('trade', 'stop', '1');
    expect(stop.code).toBe(0);
    expect(stop.out).toMatch(/Session 1 stopped: paper:binance FIL\/USDT 1m sma-cross fast=3 slow=8 \(it will no longer resume on start\)/);
    expect(count(r.dbPath, "SELECT COUNT(*) AS n FROM sessions WHERE status = 'stopped' AND stop_reason = 'stopped from the command line'")).toBe(1);
    expect((await quorum('trade', 'stop', '1')).out).toMatch(/Session 1 is already stopped/);
    expect(await quorum('trade', 'stop', '9')).toMatchObject({ code: 1, err: expect.stringMatching(/No session 9/) });
  });

  it('refuses to start or stop while another live process holds the database, and takes over a stale lock', async () => {
    const r = (rig = await tradingRig(dir, 'locked.db'));
    const quorum = cliOf(r);
    const seed = await quorum('trade', 'start', '--mode', 'paper', ...SESSION, '--resume-on-start', '--bars', '1', '--poll-ms', '1', '--exchange-url', r.emulator.url);
    expect(seed.code).toBe(0);
    // This test process plays the running app.
    writeFileSync(`${r.dbPath}.lock`, JSON.stringify({ pid: process.pid, host: 'electron', startedAt: Date.now(), dbPath: r.dbPath }));
    const start = await quorum('trade', 'start', '--mode', 'paper', ...SESSION, '--bars', '1', '--exchange-url', r.emulator.url);
    expect(start.code).toBe(1);
    expect(start.err).toContain(`Quorum is running on ${r.dbPath} (pid ${process.pid}, electron): start sessions from the app, or quit it first`);
    const stop = await quorum('trade', 'stop', '1');
    expect(stop.code).toBe(1);
    expect(stop.err).toContain(`Quorum is running on ${r.dbPath} (pid ${process.pid}, electron): stop sessions from the app, or quit it first`);
    expect(count(r.dbPath, "SELECT COUNT(*) AS n FROM sessions WHERE status = 'running'")).toBe(1);
    // Reading is safe while it runs.
    const list = await quorum('trade', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toContain(`Quorum is running on ${r.dbPath} (pid ${process.pid}, electron`);

    // The app crashed: its pid is gone, so the lock is stale and the next command takes it over.
    writeFileSync(`${r.dbPath}.lock`, JSON.stringify({ pid: 99_999_999, host: 'electron', startedAt: 0, dbPath: r.dbPath }));
    expect((await quorum('trade', 'stop', '1')).code).toBe(0);
    expect(existsSync(`${r.dbPath}.lock`)).toBe(false);
  });

  it('Ctrl-C stops the session and gives the terminal back', async () => {
    const r = (rig = await tradingRig(dir, 'sigint.db'));
    const listeners = process.listenerCount('SIGINT');
    let polls = 0;
    const quorum = cliOf(r, async () => {
      r.emulator.advance(1);
      if (++polls === 3) process.emit('SIGINT', 'SIGINT');
    });
    const run = await quorum('trade', 'start', '--mode', 'paper', ...SESSION, '--poll-ms', '1', '--exchange-url', r.emulator.url);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/^SIGINT: stopping…$/m);
    expect(run.out).toMatch(/Session 1 stopped \(SIGINT\)\./);
    expect(count(r.dbPath, "SELECT COUNT(*) AS n FROM sessions WHERE id = 1 AND status = 'stopped' AND stop_reason = 'stopped from the command line: SIGINT'")).toBe(1);
    expect(process.listenerCount('SIGINT')).toBe(listeners);
    expect(existsSync(`${r.dbPath}.lock`)).toBe(false);
  });

  it('a quorum kill from another terminal is carried out by a running quorum trade start, which then ends', async () => {
    const r = (rig = await tradingRig(dir, 'cli-app.db'));
    // The trader's terminal: a new candle every 20 ms until the kill switch ends the session.
    const trader = cliOf(r, async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      r.emulator.advance(1);
    });
    const trading = trader('trade', 'start', '--mode', 'paper', ...SESSION, '--poll-ms', '20', '--exchange-url', r.emulator.url);
    await expect.poll(() => trader.seen.out, { timeout: 10_000 }).toMatch(/Trading every 20 ms/);

    const kill = await cliOf(r)('kill', 'halt', '--reason', 'second terminal');
    expect(kill.out).toContain(`Quorum is running on ${r.dbPath} (pid ${process.pid}, cli)`);
    expect(kill.out).toMatch(/The app adopted the kill switch \(halt\)/);
    expect(kill.code).toBe(0);
    const done = await trading;
    expect(done.code).toBe(1);
    expect(done.err).toMatch(/Session 1 ended: kill switch halt: second terminal/);
    expect(done.err).toMatch(/ALERT critical \[kill-switch\] Kill switch tripped: halt by cli: second terminal/);
  });

  it('an engine refuses a database another engine has open, naming its pid and host', async () => {
    const r = (rig = await tradingRig(dir, 'two.db'));
    await r.open();
    expect(() => Engine.start({ dbPath: r.dbPath, host: 'headless', logger: captureLogger().logger }))
      .toThrow(expect.objectContaining({ code: 'APP_RUNNING', message: expect.stringContaining(`(pid ${process.pid}, test,`) }));
    r.close();
    const engine = Engine.start({ dbPath: r.dbPath, host: 'headless', logger: captureLogger().logger, killSwitchPollMs: 0, deskPollMs: 0 });
    expect(engine.status().host).toBe('headless');
    engine.close();
  });

  it('live needs an explicit arm; then the session sends real orders, and list/status show its position from the journal', async () => {
    // Many short runs: the consecutive-losses breaker would stop entries for hours of emulator time.
    const r = (rig = await tradingRig(dir, 'live.db', { risk: { breakers: { consecutiveLosses: { enabled: false } } } }));
    const quorum = cliOf(r);
    const live = ['trade', 'start', '--mode', 'live', ...SESSION, '--budget', '2000', '--poll-ms', '1', '--exchange-url', r.emulator.url];
    const refused = await quorum(...live, '--bars', '1');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/Live trading is not armed for binance: arm it first with quorum trade arm --account binance --confirm "ARM LIVE"/);
    expect((await quorum('trade', 'arm', '--account', 'binance', '--confirm', 'yes')).code).toBe(1);
    const arm = await quorum('trade', 'arm', '--account', 'binance', '--confirm', 'ARM LIVE');
    expect(arm).toMatchObject({ code: 0, out: expect.stringMatching(/Live trading armed for binance/) });

    // Trade until the session holds FIL (the strategy buys on a cross): short runs, each reopening session 1 with its books.
    let held = 0;
    // (Fees paid in FIL leave a few thousandths behind after a sell: that dust is not a position to look for.)
    for (let i = 0; i < 30 && held < 1; i++) {
      const run = await quorum(...live, '--bars', '10');
      expect(run.code).toBe(0);
      held = heldBy(r.dbPath, 'live:binance', 1);
    }
    expect(held).toBeGreaterThan(1);
    expect(r.emulator.orderRequests.filter((o) => o.accepted).length).toBeGreaterThan(0);

    const list = await quorum('trade', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/Quorum is not running on/);
    const line = list.out.split('\n').find((l) => l.startsWith('1 '));
    expect(line).toMatch(/live:binance\s+FIL\/USDT 1m\s+sma-cross fast=3 slow=8\s+2,000\.00 USDT\s+stopped\s+no\s+[\d.]+ FIL @ [\d.]+/);
    expect(line).toContain(`${Number(held.toFixed(8))} FIL @`);

    const status = await quorum('trade', 'status', '1');
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/Session 1: live:binance FIL\/USDT 1m sma-cross fast=3 slow=8/);
    expect(status.out).toContain(`position ${Number(held.toFixed(8))} FIL @`);
    expect(status.out).toMatch(/latest decisions that act:\n {4}\S+ {2}decision {2}FIL\/USDT {2}(BUY|SELL|EXIT) /);
    const json = JSON.parse((await quorum('trade', 'status', '1', '--json')).out) as { sessions: { id: number; position: { size: number } }[] };
    expect(json.sessions[0]).toMatchObject({ id: 1, position: { size: held } });
  });
});
