// The Desk page's read channels on the assembled Engine, over its dispatcher: a running paper session's candle window
// (session.candles), the accounts' orders and fills newest first and bounded (desk.orders, desk.fills), every session
// with its state (desk.sessions), and P&L today in the session view. Emulator feed: a synthetic wave, so it trades.
import { afterEach, describe, expect, it } from 'vitest';
import type { ReplyValue, RequestChannel, RequestPayload } from '../../../shared/contract';
import { tempDir } from '../../support/temp';
import { tradingRig, type Rig } from '../../support/trading-rig';
import { waveCandles } from '../../support/wave';

const dir = tempDir();
let rig: Rig | undefined;
afterEach(async () => { await rig?.dispose(); rig = undefined; });


async function ask<C extends RequestChannel>(r: Rig, channel: C, payload: RequestPayload<C>): Promise<ReplyValue<C>> {
  const reply = await r.engine().dispatcher.dispatch(channel, payload);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
  return reply.value as ReplyValue<C>;
}

const isDescending = (xs: number[]) => xs.every((x, i) => i === 0 || xs[i - 1] >= x);

describe('the Desk page channels', () => {
  it("serve a running session's candle window, its orders and fills newest first, and every session's state", async () => {
    const candles = waveCandles(2_000);
    const r = (rig = await tradingRig(dir, 'desk-book.db', { candles, startIndex: 600 }));
    await r.open();
    const status = await r.start({ mode: 'paper', cash: 10_000, resumeOnStart: true });
    const id = status.sessions[0].id;

    // The window the strategy sees: the 300 closed bars up to the emulator's current one, exactly the venue's values.
    const first = await ask(r, 'session.candles', { id });
    expect(first.resolution).toBe('1m');
    expect(first.time.length).toBe(300);
    expect(first.total).toBe(300);
    expect(first.time[299]).toBe(candles[600].time);
    expect(Array.from(first.close.slice(-3))).toEqual([candles[598].close, candles[599].close, candles[600].close]);

    await r.bars(120);
    const later = await ask(r, 'session.candles', { id });
    expect(later.time.length).toBe(300);
    expect(later.time[299]).toBe(candles[720].time);
    for (let i = 1; i < 300; i++) expect(later.time[i] - later.time[i - 1]).toBe(60_000);

    // Orders and fills: exactly the journal's rows of the account, newest first.
    const db = r.engine().store.db;
    const stored = db.prepare("SELECT COUNT(*) AS n FROM orders WHERE account_id = 'paper:binance'").get() as { n: number };
    expect(stored.n).toBeGreaterThan(3);
    const orders = await ask(r, 'desk.orders', { limit: 500 });
    expect(orders).toHaveLength(stored.n);
    expect(isDescending(orders.map((o) => o.createdAt))).toBe(true);
    expect(orders.every((o) => o.account === 'paper:binance' && o.sessionId === id && o.status === 'filled')).toBe(true);
    expect(new Set(orders.map((o) => o.role))).toEqual(new Set(['entry', 'exit']));
    // Paper market orders fill at once: nothing is left working.
    expect(await ask(r, 'desk.orders', { openOnly: true })).toEqual([]);
    expect(await ask(r, 'desk.orders', { limit: 2 })).toEqual(orders.slice(0, 2));

    const fills = await ask(r, 'desk.fills', { limit: 500 });
    const storedFills = db.prepare('SELECT COUNT(*) AS n FROM fills').get() as { n: number };
    expect(fills).toHaveLength(storedFills.n);
    expect(isDescending(fills.map((f) => f.time))).toBe(true);
    // One session's fills (what the Desk's session chart marks): all of them here; another session has none.
    expect(await ask(r, 'desk.fills', { limit: 500, sessionId: id })).toEqual(fills);
    expect(await ask(r, 'desk.fills', { sessionId: id + 1 })).toEqual([]);
    const newest = fills[0];
    const order = orders.find((o) => o.id === newest.orderId);
    expect(order).toBeDefined();
    expect(newest).toMatchObject({ account: 'paper:binance', sessionId: id, symbol: 'FIL/USDT', side: order!.side, role: order!.role });
    expect(newest.amount).toBeCloseTo(order!.filled, 12);
    // A fill's price is a price the feed printed.
    expect(candles.some((c) => Math.abs(c.close - newest.price) < 1e-9 || Math.abs(c.open - newest.price) < 1e-9)).toBe(true);

    // The session view carries P&L since the UTC day (or the session) began: the whole P&L unless midnight passed.
    const view = (await ask(r, 'desk.status', {})).sessions[0];
    expect(view.pnlToday).toBeTypeOf('number');
    const day = (t: number) => Math.floor(t / 86_400_000);
    if (day(candles[600].time) === day(candles[720].time)) expect(view.pnlToday).toBeCloseTo(view.pnl!, 9);

    // Sessions: running with its resume flag; stopped with the reason; its window is gone with it.
    expect((await ask(r, 'desk.sessions', {}))[0]).toMatchObject({ id, status: 'running', resumeOnStart: true, account: 'paper:binance', stopReason: null });
    await ask(r, 'session.pause', { id });
    expect((await ask(r, 'desk.sessions', {}))[0]).toMatchObject({ id, status: 'paused' });
    await ask(r, 'session.stop', { id });
    expect((await ask(r, 'desk.sessions', {}))[0]).toMatchObject({ id, status: 'stopped', stopReason: 'stopped by the trader', request: { symbol: 'FIL/USDT', strategy: 'sma-cross' } });
    expect(await r.engine().dispatcher.dispatch('session.candles', { id })).toMatchObject({ ok: false, error: { code: 'SESSION_UNKNOWN', field: 'id' } });
  });

  it('refuses out-of-bounds requests naming the field', async () => {
    const r = (rig = await tradingRig(dir, 'desk-book-bounds.db', { candles: waveCandles(700) }));
    await r.open();
    expect(await r.engine().dispatcher.dispatch('desk.orders', { limit: 501 })).toMatchObject({ ok: false, error: { field: 'limit' } });
    expect(await r.engine().dispatcher.dispatch('desk.fills', { limit: 0 })).toMatchObject({ ok: false, error: { field: 'limit' } });
    expect(await r.engine().dispatcher.dispatch('desk.fills', { sessionId: 0 })).toMatchObject({ ok: false, error: { field: 'sessionId' } });
    expect(await r.engine().dispatcher.dispatch('session.candles', { id: -1 })).toMatchObject({ ok: false, error: { field: 'id' } });
    // An empty desk: empty books, not errors.
    expect(await ask(r, 'desk.orders', {})).toEqual([]);
    expect(await ask(r, 'desk.fills', {})).toEqual([]);
    expect(await ask(r, 'desk.sessions', {})).toEqual([]);
  });
});
