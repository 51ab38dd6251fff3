// The kill switch acts on every account with something at stake, session or not: at engine start the executor is
// attached to each account, a latched halt/flatten is carried out again before anything else, and a latch that
// cannot be written still cancels. Real engine, real SQLite file, ccxt over HTTP to the Binance emulator.
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/engine/engine';
import { KillSwitch } from '../../../electron/engine/risk';
import { openStore } from '../../../electron/engine/store/database';
import { TEST_API_KEY, TEST_API_SECRET } from '../../emulator';
import { makeBinanceClient } from '../../emulator/ccxt-client';
import { hasSharedData } from '../../shared-data';
import { tempDir } from '../../support/temp';
import { tradingRig, type Rig } from '../../support/trading-rig';

const dir = tempDir();
let rig: Rig | undefined;
afterEach(async () => { await rig?.dispose(); rig = undefined; });

const LIVE = 'live:binance';

/** A live session that buys FIL, plus two resting buys far below the market that the journal knows. */
async function liveWithPositionAndRestingOrders(r: Rig, resumeOnStart = false): Promise<number> {
  await r.armLive();
  await r.start({ mode: 'live', resumeOnStart });
  const engine = r.engine();
  await r.barsUntil(() => (engine.desk.status().sessions[0]?.position?.size ?? 0) > 0);
  const account = engine.desk.account(LIVE)!;
  for (const n of [1, 2]) {
    await account.broker.createOrder({ clientOrderId: `manual:${n}`, symbol: 'FIL/USDT', side: 'buy', type: 'limit', amount: 100, price: 1 + n / 10, decisionTime: 0 });
  }
  expect(r.openOnExchange()).toHaveLength(2);
  return engine.desk.status().sessions[0].position!.size;
}

const filFree = (r: Rig) => r.emulator.balances().FIL?.free ?? 0;

describe.skipIf(!hasSharedData)('an always-on kill switch', () => {
  it('halt with no session running cancels what an earlier process left, then flatten closes only what Quorum bought', async () => {
    const r = (rig = await tradingRig(dir, 'no-session.db'));
    await r.open();
    const held = await liveWithPositionAndRestingOrders(r);
    expect(filFree(r)).toBeGreaterThan(5_000);
    // Another program's order in the same market: the halt cancels every open order the exchange lists there.
    await makeBinanceClient(r.emulator.url, { apiKey: TEST_API_KEY, secret: TEST_API_SECRET })
      .createOrder('FIL/USDT', 'limit', 'buy', 50, 1, { clientOrderId: 'someone-else' });
    r.engine().desk.stopAll('quit');
    const engine = await r.restart();
    expect(engine.desk.status().sessions).toEqual([]);
    expect(engine.desk.account(LIVE)?.isOpen).toBe(true);

    engine.safety.trip('halt', 'no session', 'ui');
    await expect.poll(() => r.openOnExchange().length, { timeout: 5_000 }).toBe(0);
    const account = engine.desk.account(LIVE)!;
    await expect.poll(() => account.lastKill?.trigger.mode).toBe('halt');
    expect(account.lastKill?.cancelled).toHaveLength(3);

    const before = r.emulator.orderRequests.length;
    engine.safety.trip('flatten', 'get out', 'hotkey');
    await expect.poll(() => account.lastKill?.trigger.mode, { timeout: 5_000 }).toBe('flatten');
    const sells = r.emulator.orderRequests.slice(before);
    expect(sells).toHaveLength(1);
    expect(sells[0]).toMatchObject({ params: { side: 'SELL', type: 'MARKET' }, accepted: true });
    // Sold down to the market's amount step (0.01 FIL): what is left is fee dust the exchange cannot take.
    expect(Number(sells[0].params.quantity)).toBe(Math.floor(held * 100) / 100);
    expect(filFree(r)).toBeCloseTo(5_000, 1);
    expect(account.positions().every((p) => Math.abs(p.size) < 0.01)).toBe(true);
  });

  it('restart with a latched flatten closes the position and cancels orders before any session resumes', async () => {
    const r = (rig = await tradingRig(dir, 'latched.db'));
    await r.open();
    await liveWithPositionAndRestingOrders(r, true);
    const sessionId = r.engine().desk.status().sessions[0].id;
    r.close();
    // `quorum kill flatten` while the app is closed: the latch is written, nothing listens yet.
    const { db } = openStore(r.dbPath);
    new KillSwitch(db).trip('flatten', 'from the command line', 'cli');
    db.close();
    const ordersBefore = r.emulator.orderRequests.length;

    const engine: Engine = await r.open();
    expect(r.openOnExchange()).toHaveLength(0);
    expect(filFree(r)).toBeCloseTo(5_000, 1);
    expect(r.emulator.orderRequests.slice(ordersBefore).map((o) => [o.params.side, o.accepted])).toEqual([['SELL', true]]);
    // The report reaches the trader (the app's alert stream and the desktop), not only the alerts table.
    expect(r.alerts.filter((a) => a.source === 'kill-switch').map((a) => a.message)).toContainEqual(expect.stringMatching(/^Kill switch flatten .*order\(s\) cancelled, 1 position\(s\) closed/));
    expect(engine.desk.status().sessions).toEqual([]);
    expect(engine.desk.sessions.get(sessionId)).toMatchObject({ status: 'running', resumeOnStart: true });
    await expect(r.start({ mode: 'live' })).rejects.toMatchObject({ code: 'KILL_SWITCH_LATCHED' });
  });

  it('a latch that cannot be written still cancels every order and raises a critical alert', async () => {
    const r = (rig = await tradingRig(dir, 'persist.db'));
    const engine = await r.open();
    await liveWithPositionAndRestingOrders(r);
    engine.store.db.exec(`CREATE TRIGGER kill_switch_disk_full BEFORE UPDATE ON kill_switch
      BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    expect(() => engine.safety.trip('halt', 'disk trouble', 'tray')).toThrow(/could not be saved/);
    await expect.poll(() => r.openOnExchange().length, { timeout: 5_000 }).toBe(0);
    expect(engine.safety.state().killSwitch).toMatchObject({ isTripped: true, mode: 'halt' });
    expect(r.alerts.some((a) => a.level === 'critical' && /could not be saved/.test(a.message))).toBe(true);
    expect(engine.desk.status().sessions).toEqual([]);
  });
});
