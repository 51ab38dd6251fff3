// Fault injection observed through ccxt: each fault kind surfaces as the ccxt error class a broker must handle.
import ccxt from 'ccxt';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { flatCandles, startRig, type Rig } from './helpers';

let rig: Rig;
beforeEach(async () => {
  rig = await startRig({ series: { 'BTC/USDT': flatCandles(20, 50_000) }, startIndex: 0 }, { timeout: 400 });
  await rig.client.loadMarkets();
});
afterEach(async () => rig.emulator.close());

const failure = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => undefined, (error: unknown) => error);

describe('transport faults', () => {
  test('latency delays the reply for the matching requests only', async () => {
    rig.emulator.faults.set({ kind: 'latency', ms: 300, path: '/api/v3/ticker/24hr', count: 1 });
    const started = Date.now();
    await rig.client.fetchTicker('BTC/USDT');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(rig.emulator.faults.list()).toEqual([]);
    const again = Date.now();
    await rig.client.fetchTicker('BTC/USDT');
    expect(Date.now() - again).toBeLessThan(290);
  });

  test('a timeout never answers, so ccxt raises RequestTimeout', async () => {
    rig.emulator.faults.set({ kind: 'timeout', path: '/api/v3/account', count: 1 });
    await expect(rig.client.fetchBalance()).rejects.toBeInstanceOf(ccxt.RequestTimeout);
    expect(rig.emulator.requestLog.at(-1)?.outcome).toBe('timeout');
    await expect(rig.client.fetchBalance()).resolves.toBeDefined();
  });

  test('429 carries Retry-After and -1003 and is DDoSProtection in ccxt', async () => {
    rig.emulator.faults.set({ kind: 'rateLimit', retryAfterSec: 7, path: '/api/v3/ticker/24hr', count: 2 });
    const error = await failure(rig.client.fetchTicker('BTC/USDT'));
    expect(error).toBeInstanceOf(ccxt.DDoSProtection);
    const raw = await fetch(`${rig.emulator.url}/api/v3/ticker/24hr?symbol=BTCUSDT`);
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toBe('7');
    expect((await raw.json()).code).toBe(-1003);
  });

  test.each([500, 502, 503] as const)('HTTP %i is ExchangeNotAvailable', async (status) => {
    rig.emulator.faults.set({ kind: 'serverError', status, count: 1 });
    await expect(rig.client.fetchTicker('BTC/USDT')).rejects.toBeInstanceOf(ccxt.ExchangeNotAvailable);
  });

  test('a dropped connection is a NetworkError (not a timeout)', async () => {
    rig.emulator.faults.set({ kind: 'drop', path: '/api/v3/ticker/24hr', count: 1 });
    const error = await failure(rig.client.fetchTicker('BTC/USDT'));
    expect(error).toBeInstanceOf(ccxt.NetworkError);
    expect(error).not.toBeInstanceOf(ccxt.RequestTimeout);
  });

  test('a reject fault answers with the given Binance code', async () => {
    rig.emulator.faults.set({
      kind: 'reject', path: '/api/v3/order', method: 'POST', count: 1,
      code: -2010, msg: 'Account has insufficient balance for requested action.',
    });
    await expect(rig.client.createOrder('BTC/USDT', 'market', 'buy', 0.01)).rejects.toBeInstanceOf(ccxt.InsufficientFunds);
    expect(rig.emulator.orderRequests).toEqual([]);
  });

  test('a global fault hits any path, count times, then clears itself', async () => {
    rig.emulator.faults.set({ kind: 'serverError', status: 502, count: 2 });
    await expect(rig.client.fetchTicker('BTC/USDT')).rejects.toBeInstanceOf(ccxt.ExchangeNotAvailable);
    await expect(rig.client.fetchBalance()).rejects.toBeInstanceOf(ccxt.ExchangeNotAvailable);
    await expect(rig.client.fetchBalance()).resolves.toBeDefined();
  });

  test('a method filter spares other methods on the same path, and clear() removes a rule', async () => {
    // phase 'before': the cancel never reaches the book, so it can be retried once the fault is cleared.
    const id = rig.emulator.faults.set({ kind: 'serverError', path: '/api/v3/order', method: 'DELETE', phase: 'before' });
    const placed = await rig.client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 49_000);
    await expect(rig.client.cancelOrder(placed.id!, 'BTC/USDT')).rejects.toBeInstanceOf(ccxt.ExchangeNotAvailable);
    rig.emulator.faults.clear(id);
    await expect(rig.client.cancelOrder(placed.id!, 'BTC/USDT')).resolves.toMatchObject({ status: 'canceled' });
  });
});

describe('partial fills', () => {
  test('a market order fills a fraction, stays open, and completes on the next candle', async () => {
    rig.emulator.faults.set({ kind: 'partialFill', fraction: 0.5, count: 1 });
    const order = await rig.client.createOrder('BTC/USDT', 'market', 'buy', 0.02);
    expect(order.status).toBe('open');
    expect(order.filled).toBe(0.01);
    expect(order.filled).toBeLessThan(order.amount!);
    rig.emulator.advance(1);
    expect(await rig.client.fetchOrder(order.id!, 'BTC/USDT')).toMatchObject({ status: 'closed', filled: 0.02 });
  });

  test('a resting limit fills a fraction on the first crossing candle and the rest later', async () => {
    rig.emulator.setSeries('BTC/USDT', [
      { time: 0, open: 50_000, high: 50_000, low: 50_000, close: 50_000, volume: 1 },
      { time: 60_000, open: 50_000, high: 50_000, low: 48_000, close: 49_000, volume: 1 },
      { time: 120_000, open: 49_000, high: 49_500, low: 48_500, close: 49_000, volume: 1 },
    ], 0);
    rig.emulator.faults.set({ kind: 'partialFill', fraction: 0.25 });
    const placed = await rig.client.createOrder('BTC/USDT', 'limit', 'buy', 0.04, 49_000);
    rig.emulator.advance(1);
    expect(await rig.client.fetchOrder(placed.id!, 'BTC/USDT')).toMatchObject({ status: 'open', filled: 0.01 });
    expect((await rig.client.fetchOpenOrders('BTC/USDT')).length).toBe(1);
    rig.emulator.advance(1);
    expect(await rig.client.fetchOrder(placed.id!, 'BTC/USDT')).toMatchObject({ status: 'closed', filled: 0.04 });
  });
});

describe('crash safety: the order exists even when its reply is lost', () => {
  test('dropped reply: the order is recorded, a retry is a duplicate, fetchOrder by client id finds it', async () => {
    rig.emulator.faults.set({ kind: 'drop', path: '/api/v3/order', method: 'POST', count: 1 });
    const params = { clientOrderId: 'q-crash-1' };
    await expect(rig.client.createOrder('BTC/USDT', 'market', 'buy', 0.01, undefined, params)).rejects.toBeInstanceOf(ccxt.NetworkError);
    expect(rig.emulator.orders.map((order) => order.clientOrderId)).toEqual(['q-crash-1']);
    await expect(rig.client.createOrder('BTC/USDT', 'market', 'buy', 0.01, undefined, params)).rejects.toBeInstanceOf(ccxt.InvalidOrder);
    const found = await rig.client.fetchOrder('', 'BTC/USDT', { clientOrderId: 'q-crash-1' });
    expect(found).toMatchObject({ status: 'closed', filled: 0.01, clientOrderId: 'q-crash-1' });
    expect(rig.emulator.orderRequests.map((request) => request.accepted)).toEqual([true, false]);
  });

  test('timed-out reply: the order is recorded although ccxt gave up', async () => {
    rig.emulator.faults.set({ kind: 'timeout', path: '/api/v3/order', method: 'POST', count: 1 });
    const call = rig.client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 49_000, { clientOrderId: 'q-crash-2' });
    await expect(call).rejects.toBeInstanceOf(ccxt.RequestTimeout);
    const open = await rig.client.fetchOpenOrders('BTC/USDT');
    expect(open.map((order) => order.clientOrderId)).toEqual(['q-crash-2']);
  });

  test('a fault in phase "before" loses the request itself, so a retry places the order once', async () => {
    rig.emulator.faults.set({ kind: 'drop', path: '/api/v3/order', method: 'POST', count: 1, phase: 'before' });
    const params = { clientOrderId: 'q-crash-3' };
    await expect(rig.client.createOrder('BTC/USDT', 'market', 'buy', 0.01, undefined, params)).rejects.toBeInstanceOf(ccxt.NetworkError);
    expect(rig.emulator.orders).toEqual([]);
    await expect(rig.client.createOrder('BTC/USDT', 'market', 'buy', 0.01, undefined, params)).resolves.toMatchObject({ status: 'closed' });
    expect(rig.emulator.orders.length).toBe(1);
  });

  test('a 503 after handling leaves the order placed (execution status unknown, as Binance warns)', async () => {
    rig.emulator.faults.set({ kind: 'serverError', status: 503, path: '/api/v3/order', method: 'POST', count: 1 });
    const call = rig.client.createOrder('BTC/USDT', 'market', 'buy', 0.01, undefined, { clientOrderId: 'q-crash-4' });
    await expect(call).rejects.toBeInstanceOf(ccxt.ExchangeNotAvailable);
    expect(rig.emulator.orders.map((order) => order.status)).toEqual(['FILLED']);
  });
});
