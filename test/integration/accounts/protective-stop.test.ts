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

/** From two bars after "now" on, the market moves by `step` a bar (0.99: slides 1 %): the future a protective order must catch. */
function slideAfterNow(r: Rig, candles: EmuCandle[], step = 0.99, from = 2): void {
  const now = candles.findIndex((c) => c.time === r.emulator.currentCandle('FIL/USDT').time);
  const future = candles.map((c, i) => {
    if (i < now + from) return c;
    const open = candles[now].close * step ** (i - now - from);
    const close = open * step;
    return { ...c, open, high: Math.max(open, close), low: Math.min(open, close), close };
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
    const reconciled = r.alerts.find((a) => a.source === 'reconcile'); // raised to the app, not only stored
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

  it('with a take-profit too, both rest as one OCO at the exchange; the target fills, the stop expires, the session is flat', async () => {
    const candles = filCandles(3_000);
    const r = (rig = await tradingRig(dir, 'oco.db', { candles }));
    await r.open();
    await r.armLive();
    // Slow averages: once in, the session holds while the market rises into the target.
    await r.start({ mode: 'live', params: { fast: 5, slow: 20 }, stopLossPct: 3, takeProfitPct: 1 });
    await r.barsUntil(() => (position(r)?.size ?? 0) > 0);
    const held = position(r)!;
    const legs = r.openOnExchange();
    expect(legs.map((o) => o.type).sort()).toEqual(['LIMIT_MAKER', 'STOP_LOSS_LIMIT']);
    expect(new Set(legs.map((o) => o.orderListId)).size).toBe(1);
    expect(legs.find((o) => o.type === 'LIMIT_MAKER')).toMatchObject({ price: Math.round(held.entryPrice * 1.01 * 1000) / 1000 });

    // The very next candles climb 1.5 % each: the target fills at the exchange before the session decides again.
    slideAfterNow(r, candles, 1.015, 1);
    await r.barsUntil(() => (position(r)?.size ?? 0) < 0.01, 5);
    expect(r.openOnExchange()).toHaveLength(0);
    const rows = r.engine().store.db.prepare("SELECT role, status FROM orders WHERE role IN ('stop-loss', 'take-profit') ORDER BY id").all();
    expect(rows).toEqual([{ role: 'stop-loss', status: 'cancelled' }, { role: 'take-profit', status: 'filled' }]);
    expect(r.emulator.balances().FIL.free).toBeCloseTo(5_000, 1);
  });
});
