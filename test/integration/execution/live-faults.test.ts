// Every fault the emulator can inject on the order path: no order is ever doubled, safe cases are retried.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wireClientId } from '../../../electron/engine/execution/journal';
import { acceptedWith, intent, liveRig, postsWith, series, type LiveRig } from './helpers';

let rig: LiveRig;
const ORDER = { path: '/api/v3/order', method: 'POST' } as const;

beforeEach(async () => {
  // 'open' is what Binance documents: a filled order's client id may be reused, so only our lookups prevent doubles.
  rig = await liveRig({ series: { 'BTC/USDT': series(50, 60_000) }, startIndex: 0, duplicateClientOrderIdScope: 'open' },
    { timeoutMs: 300, recvWindow: 800 });
  await rig.broker.start();
});
afterEach(() => rig.close());

function market() {
  const i = intent({ side: 'buy', type: 'market', amount: 0.001 });
  return { i, wire: wireClientId(i.clientOrderId) };
}

describe('createOrder under faults', () => {
  it('timeout after the exchange took the order: looked up by client id, not resent', async () => {
    const { i, wire } = market();
    rig.emulator.faults.set({ kind: 'timeout', ...ORDER, count: 1 });
    const order = await rig.broker.createOrder(i);
    expect(order.status).toBe('filled');
    expect(postsWith(rig.emulator, wire)).toBe(1);
    expect(acceptedWith(rig.emulator, wire)).toBe(1);
    expect(rig.emulator.requestLog.some((r) => r.method === 'GET' && r.path === '/api/v3/order' && r.query.includes('origClientOrderId'))).toBe(true);
    expect(rig.journal.fills()).toHaveLength(1);
  });

  it('timeout before the exchange saw it: resent only after a lookup past the recv window finds nothing', async () => {
    const { i, wire } = market();
    rig.emulator.faults.set({ kind: 'timeout', ...ORDER, count: 1, phase: 'before' });
    const started = Date.now();
    const order = await rig.broker.createOrder(i);
    expect(order.status).toBe('filled');
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    expect(rig.emulator.counters()['POST /api/v3/order']).toBe(2);
    expect(acceptedWith(rig.emulator, wire)).toBe(1);
  });

  it('dropped connection after the order was recorded: no duplicate', async () => {
    const { i, wire } = market();
    rig.emulator.faults.set({ kind: 'drop', ...ORDER, count: 1 });
    await rig.broker.createOrder(i);
    expect(postsWith(rig.emulator, wire)).toBe(1);
    expect(acceptedWith(rig.emulator, wire)).toBe(1);
    // The loop retrying the same decision is answered from the journal.
    await rig.broker.createOrder(i);
    expect(acceptedWith(rig.emulator, wire)).toBe(1);
  });

  it('5xx after handling is looked up; 5xx before handling is resent once proven absent', async () => {
    const a = market();
    rig.emulator.faults.set({ kind: 'serverError', status: 503, ...ORDER, count: 1 });
    await rig.broker.createOrder(a.i);
    expect(acceptedWith(rig.emulator, a.wire)).toBe(1);
    expect(postsWith(rig.emulator, a.wire)).toBe(1);
    const b = market();
    rig.emulator.faults.set({ kind: 'serverError', status: 502, ...ORDER, count: 1, phase: 'before' });
    await rig.broker.createOrder(b.i);
    expect(acceptedWith(rig.emulator, b.wire)).toBe(1);
  });

  it('429 backs off and resends without a lookup (Binance refuses before acting)', async () => {
    const { i, wire } = market();
    rig.emulator.faults.set({ kind: 'rateLimit', retryAfterSec: 0, ...ORDER, count: 2 });
    const started = Date.now();
    await rig.broker.createOrder(i);
    expect(Date.now() - started).toBeGreaterThanOrEqual(20 + 50 + 40 + 50);
    expect(rig.emulator.counters()['POST /api/v3/order']).toBe(3);
    expect(acceptedWith(rig.emulator, wire)).toBe(1);
  });

  it('clock skew: the recvWindow refusal resyncs the clock (loadTimeDifference) and resends', async () => {
    const { i, wire } = market();
    rig.emulator.faults.set({ kind: 'clockSkew', ms: -5_000 });
    await rig.broker.createOrder(i);
    expect(rig.emulator.counters()['POST /api/v3/order']).toBe(2);
    expect(rig.emulator.orderRequests).toHaveLength(1);
    expect(acceptedWith(rig.emulator, wire)).toBe(1);
    expect(rig.emulator.counters()['GET /api/v3/time']).toBeGreaterThanOrEqual(2);
    await expect(rig.broker.fetchBalance()).resolves.toMatchObject({ currency: 'USDT' });
  });

  it('when the lookup itself fails the order stays pending, and a later retry finds it instead of resending', async () => {
    const { i, wire } = market();
    rig.emulator.faults.set({ kind: 'timeout', ...ORDER, count: 1 });
    const lookups = rig.emulator.faults.set({ kind: 'drop', path: '/api/v3/order', method: 'GET' });
    await expect(rig.broker.createOrder(i)).rejects.toMatchObject({ code: 'ORDER_STATE_UNKNOWN' });
    expect(rig.journal.get(i.clientOrderId)).toMatchObject({ status: 'pending', lastError: expect.stringMatching(/lookup failed/) });
    rig.emulator.faults.clear(lookups);
    const order = await rig.broker.createOrder(i);
    expect(order.status).toBe('filled');
    expect(postsWith(rig.emulator, wire)).toBe(1);
    expect(acceptedWith(rig.emulator, wire)).toBe(1);
  });

  it('gives up after the configured sends, each proven absent, and records the order as not placed', async () => {
    const { i, wire } = market();
    rig.emulator.faults.set({ kind: 'serverError', status: 503, ...ORDER, phase: 'before' });
    await expect(rig.broker.createOrder(i)).rejects.toMatchObject({ code: 'ORDER_NOT_PLACED' });
    expect(rig.emulator.counters()['POST /api/v3/order']).toBe(3);
    expect(acceptedWith(rig.emulator, wire)).toBe(0);
    expect(rig.journal.get(i.clientOrderId)!.status).toBe('rejected');
  });
});

describe('reads under faults', () => {
  it('retries 5xx and 429 on reads', async () => {
    rig.emulator.faults.set({ kind: 'serverError', path: '/api/v3/account', count: 2 });
    await expect(rig.broker.fetchBalance()).resolves.toMatchObject({ total: 10_000 });
    rig.emulator.faults.set({ kind: 'rateLimit', retryAfterSec: 0, path: '/api/v3/openOrders', count: 1 });
    await expect(rig.broker.fetchOpenOrders('BTC/USDT')).resolves.toEqual([]);
    expect(rig.emulator.counters()['GET /api/v3/account']).toBeGreaterThanOrEqual(3);
  });

  it('cancel whose reply is lost is repeated; the repeat\'s "unknown order" is answered with the final state', async () => {
    const placed = await rig.broker.createOrder(intent({ side: 'buy', type: 'limit', amount: 0.001, price: 50_000 }));
    rig.emulator.faults.set({ kind: 'drop', path: '/api/v3/order', method: 'DELETE', count: 1 });
    const cancelled = await rig.broker.cancelOrder(placed.id, 'BTC/USDT');
    expect(cancelled.status).toBe('cancelled');
    expect(rig.emulator.counters()['DELETE /api/v3/order']).toBe(2);
  });
});
