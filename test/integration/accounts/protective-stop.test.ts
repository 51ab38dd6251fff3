// Positions are protected at the exchange: after an entry fills, a STOP_LOSS_LIMIT rests on the emulator; it fires on
// the emulator's own price path while Quorum is closed, the fill is reconciled at the next start, and a stop that
// went missing is placed again when the session resumes.
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_API_KEY, TEST_API_SECRET, type EmuCandle } from '../../emulator';
import { makeBinanceClient } from '../../emulator/ccxt-client';
import { hasSharedData } from '../../shared-data';
import { filCandles } from '../../support/binance-csv';
import { tempDir } from '../../support/temp';
import { tradingRig, type Rig } from '../../support/trading-rig';

const dir = tempDir();
let rig: Rig | undefined;
afterEach(async () => { await rig?.dispose(); rig = undefined; });

const position = (r: Rig) => r.engine().desk.status().sessions[0]?.position;
const stopsOnExchange = (r: Rig) => r.openOnExchange().filter((o) => o.type === 'STOP_LOSS_LIMIT');

/** From two bars after "now" on, the market slides 1% a bar: the future the stop must catch. */
function slideAfterNow(r: Rig, candles: EmuCandle[]): void {
  const now = candles.findIndex((c) => c.time === r.emulator.currentCandle('FIL/USDT').time);
  const future = candles.map((c, i) => {
    if (i <= now + 1) return c;
    const f = 0.99 ** (i - now - 1);
    const open = candles[now].close * f / 0.99;
    return { ...c, open, high: open, low: open * 0.99, close: open * 0.99 };
  });
  r.emulator.setSeries('FIL/USDT', future, now);
}

describe.skipIf(!hasSharedData)('stop-loss at the exchange', () => {
  it('rests after the entry, fires while Quorum is closed, and the next start books the exit', async () => {
    const candles = filCandles(3_000);
    const r = (rig = await tradingRig(dir, 'stop.db', { candles }));
    await r.open();
    await r.armLive();
    await r.start({ mode: 'live', stopLossPct: 3 });
    await r.barsUntil(() => (position(r)?.size ?? 0) > 0);
    const held = position(r)!;
    const stops = stopsOnExchange(r);
    expect(stops).toHaveLength(1);
    expect(stops[0]).toMatchObject({ side: 'SELL', stopPrice: Math.round(held.entryPrice * 0.97 * 1000) / 1000, origQty: Math.floor(held.size * 100) / 100 });

    r.engine().desk.stopAll('trader went to sleep');
    r.close();
    slideAfterNow(r, candles);
    r.emulator.advance(8);
    expect(stopsOnExchange(r)).toHaveLength(0);
    expect(r.emulator.balances().FIL.free).toBeCloseTo(5_000, 1);

    const engine = await r.open();
    const reconciled = engine.alerts.list(20).find((a) => a.source === 'reconcile');
    expect(reconciled?.message).toMatch(/change\(s\) found on the exchange/);
    await r.start({ mode: 'live', stopLossPct: 3 });
    expect(engine.desk.status().sessions[0].position?.size ?? 0).toBeLessThan(0.01);
    expect(engine.store.db.prepare("SELECT role, status, session_id AS session FROM orders WHERE role = 'stop-loss'").all())
      .toEqual([{ role: 'stop-loss', status: 'filled', session: engine.desk.status().sessions[0].id }]);
  });

  it('is cancelled before the session\'s own exit, and placed again when a resumed session finds it missing', async () => {
    const r = (rig = await tradingRig(dir, 'stop-resume.db'));
    await r.open();
    await r.armLive();
    await r.start({ mode: 'live', stopLossPct: 3, resumeOnStart: true });
    await r.barsUntil(() => (position(r)?.size ?? 0) > 0);
    const first = stopsOnExchange(r)[0];
    r.close();
    // Someone cancels it on the exchange's site while Quorum is closed.
    await makeBinanceClient(r.emulator.url, { apiKey: TEST_API_KEY, secret: TEST_API_SECRET }).cancelOrder(String(first.orderId), 'FIL/USDT');
    const engine = await r.open();
    expect(engine.desk.status().sessions).toHaveLength(1);
    expect(stopsOnExchange(r)).toHaveLength(1);
    expect(stopsOnExchange(r)[0].orderId).not.toBe(first.orderId);
    await r.barsUntil(() => (position(r)?.size ?? 0) < 0.01);
    expect(stopsOnExchange(r)).toHaveLength(0);
    expect(r.emulator.balances().FIL.free).toBeCloseTo(5_000, 1);
  });
});
