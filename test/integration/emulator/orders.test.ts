// Account and order endpoints through real ccxt: balances, market/limit orders, lookups, cancels and trade history.
import ccxt from 'ccxt';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { flatCandles, signedFetch, startRig, type Rig } from './helpers';

let rig: Rig;
beforeEach(async () => {
  rig = await startRig({ series: { 'BTC/USDT': flatCandles(20, 50_000) }, startIndex: 0 });
  await rig.client.loadMarkets();
});
afterEach(async () => rig.emulator.close());

describe('fetchBalance', () => {
  test('reports the configured free balances with nothing used', async () => {
    const balance = await rig.client.fetchBalance();
    expect(balance.USDT.free).toBe(10_000);
    expect(balance.USDT.used).toBe(0);
    expect(balance.BTC.total).toBe(1);
  });
});

describe('market orders', () => {
  test('a market buy fills at the current price and charges commission in the base asset', async () => {
    const order = await rig.client.createOrder('BTC/USDT', 'market', 'buy', 0.01, undefined, { clientOrderId: 'q-buy-1' });
    expect(order).toMatchObject({ status: 'closed', filled: 0.01, average: 50_000, cost: 500, clientOrderId: 'q-buy-1' });
    expect(order.fee).toEqual({ currency: 'BTC', cost: 0.00001 });
    expect(rig.emulator.orderRequests[0].params.newClientOrderId).toBe('q-buy-1');
    const balance = await rig.client.fetchBalance();
    expect(balance.USDT.free).toBe(9_500);
    expect(balance.BTC.free).toBeCloseTo(1.00999, 10);
  });

  test('a market sell charges commission in the quote asset', async () => {
    await rig.client.createOrder('BTC/USDT', 'market', 'sell', 0.01);
    const balance = await rig.client.fetchBalance();
    expect(balance.USDT.free).toBeCloseTo(10_000 + 500 - 0.5, 8);
    expect(balance.BTC.free).toBeCloseTo(0.99, 10);
  });

  test('configured slippage moves the fill against the taker', async () => {
    rig.emulator.setSlippageBps(10);
    const order = await rig.client.createOrder('BTC/USDT', 'market', 'buy', 0.01);
    expect(order.average).toBe(50_050);
  });

  test('more than the balance allows is refused as InsufficientFunds', async () => {
    const error = await rig.client.createOrder('BTC/USDT', 'market', 'buy', 1).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ccxt.InsufficientFunds);
    expect(rig.emulator.orders).toEqual([]);
  });
});

describe('limit orders', () => {
  test('rest open, lock the quote and are found by id and by client order id', async () => {
    const placed = await rig.client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 49_000, { clientOrderId: 'q-limit-1' });
    expect(placed).toMatchObject({ status: 'open', filled: 0, price: 49_000, clientOrderId: 'q-limit-1' });
    const balance = await rig.client.fetchBalance();
    expect(balance.USDT.used).toBe(490);
    expect(balance.USDT.free).toBe(9_510);
    const byId = await rig.client.fetchOrder(placed.id!, 'BTC/USDT');
    const byClientId = await rig.client.fetchOrder('', 'BTC/USDT', { clientOrderId: 'q-limit-1' });
    expect(byId.id).toBe(placed.id);
    expect(byClientId.id).toBe(placed.id);
    expect(rig.emulator.requestLog.at(-1)?.query).toContain('origClientOrderId=q-limit-1');
    const open = await rig.client.fetchOpenOrders('BTC/USDT');
    expect(open.map((order) => order.id)).toEqual([placed.id]);
  });

  test('a duplicate client order id is rejected like Binance, as InvalidOrder', async () => {
    await rig.client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 49_000, { clientOrderId: 'q-dup' });
    const error = await rig.client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 49_000, { clientOrderId: 'q-dup' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ccxt.InvalidOrder);
    expect(String(error)).toContain('Duplicate order sent.');
    expect(rig.emulator.orders.length).toBe(1);
    expect(rig.emulator.orderRequests.map((request) => request.error?.code)).toEqual([undefined, -2010]);
  });

  test('a filled order id cannot be reused either (scope "all")', async () => {
    await rig.client.createOrder('BTC/USDT', 'market', 'buy', 0.01, undefined, { clientOrderId: 'q-once' });
    const retry = rig.client.createOrder('BTC/USDT', 'market', 'buy', 0.01, undefined, { clientOrderId: 'q-once' });
    await expect(retry).rejects.toBeInstanceOf(ccxt.InvalidOrder);
  });

  test('cancelOrder cancels and releases the locked quote', async () => {
    const placed = await rig.client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 49_000);
    const canceled = await rig.client.cancelOrder(placed.id!, 'BTC/USDT');
    expect(canceled.status).toBe('canceled');
    expect((await rig.client.fetchBalance()).USDT.free).toBe(10_000);
    await expect(rig.client.cancelOrder(placed.id!, 'BTC/USDT')).rejects.toBeInstanceOf(ccxt.OrderNotFound);
  });

  test('cancelAllOrders cancels every open order of the symbol', async () => {
    await rig.client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 49_000);
    await rig.client.createOrder('BTC/USDT', 'limit', 'sell', 0.01, 51_000);
    const canceled = await rig.client.cancelAllOrders('BTC/USDT');
    expect(canceled.map((order) => order.status)).toEqual(['canceled', 'canceled']);
    expect(rig.emulator.counters()['DELETE /api/v3/openOrders']).toBe(1);
    expect(await rig.client.fetchOpenOrders('BTC/USDT')).toEqual([]);
    expect(rig.emulator.balances().BTC).toEqual({ free: 1, locked: 0 });
  });

  test('an unknown order is OrderNotFound', async () => {
    await expect(rig.client.fetchOrder('999', 'BTC/USDT')).rejects.toBeInstanceOf(ccxt.OrderNotFound);
  });
});

describe('filters', () => {
  test('a quantity off the LOT_SIZE step is refused with -1013', async () => {
    const reply = await signedFetch(rig.emulator, 'POST', '/api/v3/order', {
      symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.000015',
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ code: -1013, msg: 'Filter failure: LOT_SIZE' });
  });

  test('a price off the tick size is InvalidOrder through ccxt', async () => {
    const call = rig.client.privatePostOrder({
      symbol: 'BTCUSDT', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '49000.005',
    });
    await expect(call).rejects.toBeInstanceOf(ccxt.InvalidOrder);
  });

  test('an order below the minimum notional is refused', async () => {
    const error = await rig.client.createOrder('BTC/USDT', 'limit', 'buy', 0.00001, 49_000).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ccxt.BadRequest);
    expect(String(error)).toContain('Filter failure: NOTIONAL');
  });
});

describe('fetchMyTrades', () => {
  test('lists fills with order id, side, price and fee', async () => {
    const buy = await rig.client.createOrder('BTC/USDT', 'market', 'buy', 0.01);
    const sell = await rig.client.createOrder('BTC/USDT', 'market', 'sell', 0.002);
    const trades = await rig.client.fetchMyTrades('BTC/USDT');
    expect(trades.map((trade) => [trade.order, trade.side, trade.amount, trade.price])).toEqual([
      [buy.id, 'buy', 0.01, 50_000],
      [sell.id, 'sell', 0.002, 50_000],
    ]);
    expect(trades[1].fee).toEqual({ currency: 'USDT', cost: 0.1 });
    expect(trades[0].takerOrMaker).toBe('taker');
    const latest = await rig.client.fetchMyTrades('BTC/USDT', undefined, 1);
    expect(latest.map((trade) => trade.order)).toEqual([sell.id]);
    const since = await rig.client.fetchMyTrades('BTC/USDT', trades[1].timestamp);
    expect(since.length).toBeGreaterThanOrEqual(1);
  });
});
