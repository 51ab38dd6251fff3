// Live broker against the emulator with real ccxt: market and limit orders, cancels, open orders, balance, rounding.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExchangeError, RiskError } from '../../../electron/engine/errors';
import { wireClientId } from '../../../electron/engine/execution/journal';
import { intent, liveRig, series, type LiveRig } from './helpers';

let rig: LiveRig;

beforeEach(async () => {
  rig = await liveRig({ series: { 'BTC/USDT': series(50, 60_000, { 10: 58_000 }) }, startIndex: 0 });
  await rig.broker.start();
});
afterEach(() => rig.close());

describe('live broker orders', () => {
  it('refuses to trade before reconciling', async () => {
    const fresh = rig.restart().broker;
    await expect(fresh.createOrder(intent({ side: 'buy', type: 'market', amount: 0.001 }))).rejects.toThrow(RiskError);
  });

  it('places a market order: journaled, filled, fills recorded with trade ids, fee in the asset received', async () => {
    const i = intent({ side: 'buy', type: 'market', amount: 0.001 });
    const order = await rig.broker.createOrder(i);
    expect(order).toMatchObject({ clientOrderId: i.clientOrderId, status: 'filled', filled: 0.001, averagePrice: 60_000 });
    const entry = rig.journal.get(i.clientOrderId)!;
    expect(entry).toMatchObject({ status: 'filled', filled: 0.001, exchangeOrderId: order.id, averagePrice: 60_000, lastError: null });
    const fills = rig.journal.fills();
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ amount: 0.001, price: 60_000, feeCurrency: 'BTC', fee: 0.000001 });
    const wire = rig.emulator.orders[0].clientOrderId;
    expect(wire).toBe(wireClientId(i.clientOrderId));
    expect(wire.length).toBeLessThanOrEqual(36);
    expect(wire).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('rests a limit order, lists it as open under the loop id, and cancels it', async () => {
    const i = intent({ side: 'buy', type: 'limit', amount: 0.001, price: 50_000 });
    const placed = await rig.broker.createOrder(i);
    expect(placed.status).toBe('open');
    const open = await rig.broker.fetchOpenOrders('BTC/USDT');
    expect(open.map((o) => o.clientOrderId)).toEqual([i.clientOrderId]);
    const balance = await rig.broker.fetchBalance();
    expect(balance).toMatchObject({ currency: 'USDT', used: 50, total: 10_000 });
    const cancelled = await rig.broker.cancelOrder(placed.id);
    expect(cancelled.status).toBe('cancelled');
    expect(rig.journal.get(i.clientOrderId)!.status).toBe('cancelled');
    expect(await rig.broker.fetchOpenOrders('BTC/USDT')).toEqual([]);
  });

  it('cancels all orders of a market, and of every market', async () => {
    for (const price of [50_000, 51_000]) await rig.broker.createOrder(intent({ side: 'buy', type: 'limit', amount: 0.001, price }));
    await rig.broker.createOrder(intent({ symbol: 'ETH/USDT', side: 'buy', type: 'limit', amount: 0.01, price: 1_000 }));
    const btc = await rig.broker.cancelAllOrders('BTC/USDT');
    expect(btc.map((o) => o.status)).toEqual(['cancelled', 'cancelled']);
    await rig.broker.createOrder(intent({ side: 'buy', type: 'limit', amount: 0.001, price: 52_000 }));
    const all = await rig.broker.cancelAllOrders();
    expect(all).toHaveLength(2);
    expect(rig.journal.openEntries()).toEqual([]);
    expect(await rig.broker.cancelAllOrders('BTC/USDT')).toEqual([]);
  });

  it('a partial fill leaves the order open; the rest is picked up by sync when a later candle fills it', async () => {
    rig.emulator.faults.set({ kind: 'partialFill', fraction: 0.5, count: 1 });
    const i = intent({ side: 'buy', type: 'limit', amount: 0.002, price: 59_000 });
    rig.emulator.advance(9);
    const placed = await rig.broker.createOrder({ ...i, price: 60_100 });
    expect(placed).toMatchObject({ status: 'partially-filled', filled: 0.001 });
    expect(rig.journal.fills()).toHaveLength(1);
    rig.emulator.advance(1);
    const { updated } = await rig.broker.sync();
    expect(updated.map((e) => e.status)).toEqual(['filled']);
    expect(rig.journal.get(i.clientOrderId)).toMatchObject({ status: 'filled', filled: 0.002 });
    expect(rig.journal.filledFromFills(i.clientOrderId)).toBeCloseTo(0.002, 12);
  });

  it('an exchange rejection is final: journaled as rejected with the reason, sent once', async () => {
    rig.emulator.faults.set({ kind: 'reject', code: -2010, msg: 'Account has insufficient balance for requested action.', path: '/api/v3/order', method: 'POST', count: 1 });
    const i = intent({ side: 'buy', type: 'market', amount: 0.001 });
    const err = await rig.broker.createOrder(i).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExchangeError);
    expect((err as ExchangeError).code).toBe('ORDER_REJECTED');
    expect(rig.journal.get(i.clientOrderId)).toMatchObject({ status: 'rejected' });
    expect(rig.journal.get(i.clientOrderId)!.lastError).toMatch(/insufficient balance/);
    expect(rig.emulator.counters()['POST /api/v3/order']).toBe(1);
    // The same decision again is answered from the journal, not resent.
    const again = await rig.broker.createOrder(i);
    expect(again.status).toBe('rejected');
    expect(rig.emulator.counters()['POST /api/v3/order']).toBe(1);
  });

  it('rounds amounts down to the lot step and prices to the tick before sending', async () => {
    await rig.broker.createOrder(intent({ side: 'buy', type: 'limit', amount: 0.0012345, price: 50_000.126 }));
    const sent = rig.emulator.orderRequests[0].params;
    expect(sent.quantity).toBe('0.00123');
    expect(sent.price).toBe('50000.13');
  });

  it('refuses below minimum notional or amount locally, with the numbers, and sends nothing', async () => {
    const small = intent({ side: 'buy', type: 'market', amount: 0.00005 });
    await expect(rig.broker.createOrder(small)).rejects.toThrow(/notional 3 USDT .*below the minimum 5 USDT/);
    const tiny = intent({ side: 'buy', type: 'limit', amount: 0.000001, price: 50_000 });
    await expect(rig.broker.createOrder(tiny)).rejects.toMatchObject({ code: 'ORDER_TOO_SMALL', message: expect.stringMatching(/below the minimum 0.00001/) });
    expect(rig.emulator.orderRequests).toHaveLength(0);
    expect(rig.journal.get(small.clientOrderId)).toMatchObject({ status: 'rejected' });
  });

  it('tells subscribers about every journal change and fill', async () => {
    const events: string[] = [];
    const off = rig.broker.subscribe({
      orderUpdated: (o) => events.push(`order ${o.status}`),
      filled: (f) => events.push(`fill ${f.amount} @ ${f.price} fee ${f.fee}`),
    });
    await rig.broker.createOrder(intent({ side: 'buy', type: 'market', amount: 0.001 }));
    off();
    await rig.broker.createOrder(intent({ side: 'buy', type: 'market', amount: 0.001 }));
    // Binance took the fee in BTC: the loop hears the BTC it actually received.
    expect(events).toEqual(['order pending', 'fill 0.000999 @ 60000 fee 0.06', 'order filled']);
  });

  it('the same intent twice places one order', async () => {
    const i = intent({ side: 'buy', type: 'market', amount: 0.001 });
    const [a, b] = [await rig.broker.createOrder(i), await rig.broker.createOrder(i)];
    expect(a.id).toBe(b.id);
    expect(rig.emulator.orders).toHaveLength(1);
  });

  it('spot reduce-only sells are capped at the position the journal holds', async () => {
    await rig.broker.createOrder(intent({ side: 'buy', type: 'market', amount: 0.001 }));
    const [position] = await rig.broker.fetchPositions();
    expect(position.size).toBeCloseTo(0.000999, 12);
    const exit = await rig.broker.createOrder(intent({ side: 'sell', type: 'market', amount: 1, reduceOnly: true }));
    expect(exit.amount).toBe(0.00099);
    await expect(rig.broker.createOrder(intent({ side: 'buy', type: 'market', amount: 1, reduceOnly: true }))).rejects.toMatchObject({ code: 'REDUCE_ONLY_REFUSED' });
  });
});
