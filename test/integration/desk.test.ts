// Paper and live trading desks on a live feed from the exchange emulator: same loop as backtests, decisions for
// every candle, paper never sends an order, live sends them (armed per account), the kill switch flattens.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Decision } from '../../shared/domain';
import { CandleStore } from '../../electron/engine/data/candle-store';
import { Engine } from '../../electron/engine/engine';
import { openStore } from '../../electron/engine/store/database';
import { BinanceEmulator, TEST_API_KEY, TEST_API_SECRET } from '../emulator';
import { hasSharedData } from '../shared-data';
import { filCandles } from '../support/binance-csv';
import { captureLogger } from '../support/engine';
import { memoryCredentials } from '../support/memory-credentials';
import { tempDir } from '../support/temp';

const dir = tempDir();
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => { await cleanup?.(); cleanup = undefined; });

async function rig(name: string) {
  const emulator = await BinanceEmulator.start({ series: { FILUSDT: filCandles(2_000) }, interval: '1m', startIndex: 600, balances: { USDT: 10_000 } });
  // The desk's clock: just after the emulator's current candle closed.
  const now = () => emulator.currentCandle('FIL/USDT').time + 60_000 + 1;
  const credentials = memoryCredentials();
  const engine = Engine.start({ dbPath: join(dir, name), host: 'test', logger: captureLogger().logger, exchangeUrl: emulator.url, credentials, deskPollMs: 0, now });
  const decisions: Decision[] = [];
  engine.events.subscribe((event, payload) => { if (event === 'decision.made') decisions.push(payload as Decision); });
  cleanup = async () => { await engine.stopDesk(); engine.close(); await emulator.close(); };
  const bars = async (n: number) => { for (let i = 0; i < n; i++) { emulator.advance(1); await engine.desk.step(); } };
  return { emulator, engine, credentials, decisions, bars };
}

const START = { account: 'binance', symbol: 'FIL/USDT', timeframe: '1m', strategy: 'sma-cross', params: { fast: 3, slow: 8 }, windowBars: 300 } as const;

describe.skipIf(!hasSharedData)('trading desk', () => {
  it('paper-trades on live candles: a decision per closed candle, fills simulated, nothing sent to the exchange', async () => {
    const r = await rig('paper.db');
    const status = await r.engine.startDesk({ ...START, mode: 'paper', cash: 10_000 });
    expect(status).toMatchObject({ running: true, request: { mode: 'paper' } });
    await r.bars(100);
    expect(r.decisions).toHaveLength(100);
    expect(r.decisions.filter((d) => d.action !== 'hold').length).toBeGreaterThan(5);
    const runId = Number(r.engine.desk.status().runId);
    const stored = r.engine.store.db.prepare('SELECT COUNT(*) AS n FROM decisions WHERE run_id = ?').get(runId) as { n: number };
    expect(stored.n).toBe(100);
    const filled = r.engine.store.db.prepare("SELECT COUNT(*) AS n FROM orders WHERE status = 'filled'").get() as { n: number };
    expect(filled.n).toBeGreaterThan(5);
    expect(r.emulator.orderRequests).toHaveLength(0);
    expect(r.engine.data.candles.count({ exchange: 'binance', symbol: 'FIL/USDT', timeframe: '1m' })).toBeGreaterThan(300);
    expect((await r.engine.stopDesk()).running).toBe(false);
  });

  it('refuses live trading until the account is armed with keys and the typed confirmation', async () => {
    const r = await rig('arm.db');
    await expect(r.engine.startDesk({ ...START, mode: 'live' })).rejects.toMatchObject({ code: 'LIVE_NOT_ARMED' });
    expect(await r.engine.dispatcher.dispatch('live.arm', { account: 'binance', confirm: 'ARM LIVE' })).toMatchObject({ ok: false, error: { code: 'LIVE_ARM_NO_KEYS' } });
    await r.credentials.save('binance', { apiKey: TEST_API_KEY, secret: TEST_API_SECRET });
    expect(await r.engine.dispatcher.dispatch('live.arm', { account: 'binance', confirm: 'yes' })).toMatchObject({ ok: false, error: { code: 'LIVE_ARM_CONFIRM_REQUIRED' } });
    expect(await r.engine.dispatcher.dispatch('live.arm', { account: 'binance', confirm: 'ARM LIVE' })).toEqual({ ok: true, value: { accounts: ['binance'] } });
    expect(r.engine.status().liveArmed).toBe(true);
    expect(await r.engine.dispatcher.dispatch('live.disarm', { account: 'binance' })).toEqual({ ok: true, value: { accounts: [] } });
    expect(r.engine.status().liveArmed).toBe(false);
  });

  it('trades live through ccxt, and the kill switch (flatten) cancels, closes and stops the desk', async () => {
    const r = await rig('live.db');
    await r.credentials.save('binance', { apiKey: TEST_API_KEY, secret: TEST_API_SECRET });
    await r.engine.arming.arm('binance', 'ARM LIVE');
    await r.engine.startDesk({ ...START, mode: 'live', sizing: 'fraction:0.5' });
    await r.bars(120);
    const accepted = r.emulator.orderRequests.filter((o) => o.accepted);
    expect(accepted.length).toBeGreaterThan(2);
    const ids = new Set(accepted.map((o) => o.clientOrderId));
    expect(ids.size).toBe(accepted.length);
    // Leave a position open, then pull the kill switch.
    for (let i = 0; i < 60 && !r.engine.desk.status().position; i++) await r.bars(1);
    expect(r.engine.desk.status().position?.size).toBeGreaterThan(0);
    r.engine.safety.trip('flatten', 'test', 'ui');
    await expect.poll(() => r.emulator.balances().FIL?.free ?? 0, { timeout: 5_000 }).toBeLessThan(0.1);
    expect(r.engine.desk.status().running).toBe(false);
    await expect(r.engine.startDesk({ ...START, mode: 'live' })).rejects.toMatchObject({ code: 'KILL_SWITCH_LATCHED' });
  });

  it('stores polled candles in 15-minute batches after the bar traded, and loses none on stop or shutdown', async () => {
    // One bar at a time would rewrite the store's whole column block between each closed bar and its order.
    const r = await rig('write-behind.db');
    const key = { exchange: 'binance', symbol: 'FIL/USDT', timeframe: '1m' } as const;
    const count = () => r.engine.data.candles.count(key);
    await r.engine.startDesk({ ...START, mode: 'paper', cash: 10_000 });
    const warm = count();
    expect(warm).toBeGreaterThan(250);
    await r.bars(14);
    expect(r.decisions).toHaveLength(14);
    expect(count()).toBe(warm);
    await r.bars(1);
    expect(count()).toBe(warm + 15);
    await r.bars(3);
    await r.engine.stopDesk();
    expect(count()).toBe(warm + 18);
    // Shutdown with a session running (it resumes on the next start): its unsaved bars are written, none missing.
    await r.engine.startDesk({ ...START, mode: 'paper', cash: 10_000 });
    await r.bars(4);
    const last = r.emulator.currentCandle('FIL/USDT').time; // the desk's clock has just passed its close
    r.engine.close();
    cleanup = () => r.emulator.close();
    const reopened = openStore(join(dir, 'write-behind.db'));
    try {
      const stored = new CandleStore(reopened.db).load(key);
      expect(stored.length).toBe(warm + 22);
      expect(stored.time[stored.length - 1]).toBe(last);
      for (let i = 1; i < stored.length; i++) expect(stored.time[i] - stored.time[i - 1]).toBe(60_000);
    } finally {
      reopened.db.close();
    }
  });
});
