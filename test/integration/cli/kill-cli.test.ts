// `quorum kill halt|flatten|status|rearm` against the Binance emulator. Without the app the command starts the
// engine itself and trips the switch the way the button does, then prints each account's report; with the app
// running it writes the latch and waits for the app to carry it out. Real SQLite files, ccxt over HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/engine/cli/main';
import { Engine } from '../../../electron/engine/engine';
import { openStore } from '../../../electron/engine/store/database';
import { hasSharedData } from '../../shared-data';
import { captureLogger } from '../../support/engine';
import { tempDir } from '../../support/temp';
import { FIL_SESSION, tradingRig, type Rig } from '../../support/trading-rig';

const dir = tempDir();
let rig: Rig | undefined;
let app: Engine | undefined;
afterEach(async () => {
  app?.close();
  app = undefined;
  await rig?.dispose();
  rig = undefined;
});

const LIVE = 'live:binance';
const now = (r: Rig) => () => r.emulator.currentCandle('FIL/USDT').time + 60_000 + 1;

function cliOf(r: Rig) {
  return async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli([...argv, '--db', r.dbPath], {
      out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), credentials: () => r.credentials, now: now(r),
    });
    return { code, out, err };
  };
}

/** A live session that bought FIL, and two resting buys far below the market that the journal knows. */
async function liveWithPositionAndRestingOrders(r: Rig, engine: Engine): Promise<number> {
  await engine.arming.arm('binance', 'ARM LIVE');
  await engine.startDesk({ ...FIL_SESSION, mode: 'live' });
  for (let i = 0; i < 400 && !((engine.desk.status().sessions[0]?.position?.size ?? 0) > 0); i++) {
    r.emulator.advance(1);
    await engine.desk.step();
  }
  const account = engine.desk.account(LIVE)!;
  for (const n of [1, 2]) {
    await account.broker.createOrder({ clientOrderId: `manual:${n}`, symbol: 'FIL/USDT', side: 'buy', type: 'limit', amount: 100, price: 1 + n / 10, decisionTime: 0 });
  }
  expect(r.openOnExchange()).toHaveLength(2);
  return engine.desk.status().sessions[0].position!.size;
}

/** The app, as the Electron shell runs it but in this process: it reads the kill-switch row every 50 ms. */
function startApp(r: Rig, killSwitchPollMs = 50): Engine {
  app = Engine.start({ dbPath: r.dbPath, host: 'electron', logger: captureLogger().logger, exchangeUrl: r.emulator.url, credentials: r.credentials,
    deskPollMs: 0, killSwitchPollMs, now: now(r) });
  return app;
}

const filFree = (r: Rig) => r.emulator.balances().FIL?.free ?? 0;

describe.skipIf(!hasSharedData)('quorum kill', () => {
  it('halt with no app running connects the account, cancels the resting orders the journal knows and says so', async () => {
    const r = (rig = await tradingRig(dir, 'halt.db'));
    await liveWithPositionAndRestingOrders(r, await r.open());
    r.close();
    const quorum = cliOf(r);

    const halt = await quorum('kill', 'halt', '--reason', 'leaving for the weekend', '--exchange-url', r.emulator.url);
    expect(halt.code).toBe(0);
    expect(halt.out).toMatch(/Quorum is not running on .*halt\.db: connecting the accounts with open orders or positions/);
    expect(halt.out).toMatch(/Kill switch latched: LATCHED halt since \S+ by cli: leaving for the weekend/);
    expect(halt.out).toMatch(/live:binance: halt — 2 order\(s\) cancelled/);
    expect(halt.out.match(/ {2}cancelled {3}buy 100 FIL\/USDT limit @ 1\.[12] \(id \d+, cancelled\)/g)).toHaveLength(2);
    expect(r.openOnExchange()).toHaveLength(0);

    const status = await quorum('kill', 'status');
    expect(status.out).toMatch(/Quorum is not running on/);
    expect(status.out).toMatch(/Kill switch: LATCHED halt since \S+ by cli: leaving for the weekend\n {2}re-arm: quorum kill rearm --confirm REARM/);
    // Trading stays refused until the trader re-arms.
    expect((await quorum('trade', 'start', '--mode', 'paper', '--account', 'binance', '--symbol', 'FIL/USDT', '--timeframe', '1m', '--strategy', 'sma-cross')).err)
      .toMatch(/The kill switch is latched \(LATCHED halt .*\): re-arm it first with quorum kill rearm --confirm REARM/);
    // Halting again re-runs the latched halt at start-up and reports it: nothing left to cancel.
    const again = await quorum('kill', 'halt', '--exchange-url', r.emulator.url);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/live:binance: halt — 0 order\(s\) cancelled/);
  });

  it('flatten with no app running closes the live position Quorum holds and prints it', async () => {
    const r = (rig = await tradingRig(dir, 'flatten.db'));
    const held = await liveWithPositionAndRestingOrders(r, await r.open());
    expect(filFree(r)).toBeGreaterThan(5_000);
    r.close();
    const before = r.emulator.orderRequests.length;

    const flatten = await cliOf(r)('kill', 'flatten', '--exchange-url', r.emulator.url);
    expect(flatten.code).toBe(0);
    expect(flatten.out).toMatch(/live:binance: flatten — 2 order\(s\) cancelled, 1 position\(s\) closed, 0 left as dust/);
    const sold = Math.floor(held * 100) / 100;
    // Sold down to the market's amount step (0.01 FIL): the rest is fee dust the exchange cannot take.
    expect(flatten.out).toMatch(new RegExp(`closed {6}sell ${sold} FIL/USDT market \\(id \\d+, filled\\), filled ${sold} @ [\\d.]+`));
    expect(r.emulator.orderRequests.slice(before).filter((o) => o.params.side === 'SELL')).toMatchObject([{ params: { type: 'MARKET' }, accepted: true }]);
    expect(filFree(r)).toBeCloseTo(5_000, 1);
    expect(r.openOnExchange()).toHaveLength(0);
  });

  it('while the app runs, the latch is written and the app carries it out; the command waits for its report', async () => {
    const r = (rig = await tradingRig(dir, 'app.db'));
    const engine = startApp(r);
    await engine.ready;
    await liveWithPositionAndRestingOrders(r, engine);
    const quorum = cliOf(r);

    const halt = await quorum('kill', 'halt', '--reason', 'from a terminal', '--exchange-url', r.emulator.url);
    expect(halt.code).toBe(0);
    expect(halt.out).toContain(`Quorum is running on ${r.dbPath} (pid ${process.pid}, electron): it carries out the kill switch. (--exchange-url is ignored`);
    expect(halt.out).toMatch(/Kill switch latched: halt \(from a terminal\); waiting up to 5 s for the app/);
    expect(halt.out).toMatch(/The app adopted the kill switch \(halt\)\.\nlive:binance: Kill switch halt \(from a terminal\): 2 order\(s\) cancelled/);
    expect(r.openOnExchange()).toHaveLength(0);
    expect(engine.safety.state().killSwitch).toMatchObject({ isTripped: true, mode: 'halt', source: 'cli' });
    expect(engine.desk.status().sessions).toEqual([]);

    // Escalation: the app closes the position too.
    const flatten = await quorum('kill', 'flatten');
    expect(flatten.code).toBe(0);
    expect(flatten.out).toMatch(/Kill switch escalated to flatten/);
    expect(flatten.out).toMatch(/live:binance: Kill switch flatten \(quorum kill flatten\): 0 order\(s\) cancelled, 1 position\(s\) closed/);
    expect(filFree(r)).toBeCloseTo(5_000, 1);
    // Already latched at least this strictly: nothing new for the app to do.
    expect(await quorum('kill', 'halt')).toMatchObject({ code: 0, out: expect.stringMatching(/already latched: LATCHED flatten/) });
    // Re-arming behind the app's back would leave it latched in memory: refused.
    const rearm = await quorum('kill', 'rearm', '--confirm', 'REARM');
    expect(rearm.code).toBe(1);
    expect(rearm.err).toContain(`Quorum is running on ${r.dbPath} (pid ${process.pid}, electron): re-arm the kill switch from the app, or quit it first`);
  });

  it('says so and exits non-zero when the running app does not confirm in time', async () => {
    const r = (rig = await tradingRig(dir, 'deaf.db'));
    await startApp(r, 0).ready;
    const halt = await cliOf(r)('kill', 'halt', '--wait-ms', '300');
    expect(halt.code).toBe(1);
    expect(halt.err).toMatch(/No confirmation from Quorum \(pid \d+\) within 0\.3 s\. The latch is written/);
    const { db } = openStore(r.dbPath);
    expect(db.prepare('SELECT latched, mode, source FROM kill_switch').get()).toEqual({ latched: 1, mode: 'halt', source: 'cli' });
    db.close();
  });

  it('status lists tripped breakers per account; rearm needs the typed word', async () => {
    const r = (rig = await tradingRig(dir, 'rearm.db'));
    const quorum = cliOf(r);
    expect((await quorum('kill', 'status')).out).toMatch(/Kill switch: armed \(not tripped\)\nCircuit breakers: none tripped\./);
    const { db } = openStore(r.dbPath);
    db.prepare(`INSERT INTO breaker_state (scope, name, tripped, tripped_at, reason, rearm_at) VALUES ('paper:binance', 'daily-loss', 1, ?, '5.2% lost today', ?)`)
      .run(Date.UTC(2023, 7, 1, 12), Date.UTC(2100, 0, 1));
    db.close();
    const status = await quorum('kill', 'status');
    expect(status.out).toMatch(/paper:binance\s+daily-loss\s+2023-08-01T12:00:00Z\s+2100-01-01T00:00:00Z\s+5\.2% lost today/);

    const halt = await quorum('kill', 'halt', '--exchange-url', r.emulator.url);
    expect(halt.code).toBe(0);
    expect(halt.out).toMatch(/No account has open orders or positions: nothing to cancel or close\./);
    const wrong = await quorum('kill', 'rearm', '--confirm', 'yes');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/Re-arming the kill switch needs the confirmation "REARM"/);
    const rearm = await quorum('kill', 'rearm', '--confirm', 'REARM');
    expect(rearm).toMatchObject({ code: 0, out: expect.stringMatching(/Kill switch re-armed \(was LATCHED halt/) });
    expect((await quorum('kill', 'status')).out).toMatch(/Kill switch: armed \(not tripped\)/);
    expect((await quorum('kill', 'rearm', '--confirm', 'REARM')).out).toMatch(/was not tripped/);
  });
});
