// Protective orders through real ccxt: stop-loss / take-profit (limit and market) and OCO lists, placed with the
// engine's protectiveOrderRequest so that helper is proven against Binance's wire format too.
import ccxt from 'ccxt';
import { afterEach, describe, expect, test } from 'vitest';
import { protectiveOrderRequest, triggerPriceOf } from '../../../electron/engine/execution/live/protective-order';
import type { EmuCandle } from '../../emulator';
import { scriptCandle, signedFetch, startRig, type Rig } from './helpers';

const T0 = Date.UTC(2024, 0, 1);
const candle = scriptCandle;

/** Now at 50 000; a wobble that stays above 49 000, a dip through it, a gap down to 47 500, then a rally to 52 500. */
const SCRIPT: EmuCandle[] = [
  candle(0, 50_000, 50_000, 50_000, 50_000),
  candle(1, 50_000, 50_300, 49_700, 50_100),
  candle(2, 50_100, 50_200, 48_800, 49_100),
  candle(3, 47_500, 48_000, 47_000, 47_800),
  candle(4, 47_800, 52_500, 47_800, 52_000),
];
const NOW = SCRIPT[0];
const DIP = SCRIPT[2];
const GAP = SCRIPT[3];
const RALLY = SCRIPT[4];
/** A rally straight from 50 000 that never comes near 49 000. */
const CLEAN_RALLY = candle(1, 50_000, 52_500, 49_900, 52_000);

let rig: Rig;
async function start(series: EmuCandle[] = SCRIPT): Promise<void> {
  rig = await startRig({ series: { 'BTC/USDT': series.map((c, i) => ({ ...c, time: T0 + i * 60_000 })) }, startIndex: 0 });
  await rig.client.loadMarkets();
}
afterEach(async () => rig?.emulator.close());

type Request = ReturnType<typeof protectiveOrderRequest>;
const place = (request: Request) =>
  rig.client.createOrder('BTC/USDT', request.type, request.side, request.amount, request.price, { ...request.params });
const stopLossSell = (amount: number, trigger: number, limit: number | undefined, id: string): Request =>
  protectiveOrderRequest('stop-loss', 'sell', amount, trigger, limit, id);
const refusal = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => undefined, (caught: unknown) => caught);

describe('protectiveOrderRequest', () => {
  test('names the Binance type and sends the trigger as ccxt triggerPrice, GTC for the limit variants', () => {
    expect(protectiveOrderRequest('stop-loss', 'sell', 0.1, 49_000, 48_900, 'q-1')).toEqual({
      type: 'STOP_LOSS_LIMIT', side: 'sell', amount: 0.1, price: 48_900,
      params: { triggerPrice: 49_000, timeInForce: 'GTC', clientOrderId: 'q-1' },
    });
    expect(protectiveOrderRequest('take-profit', 'sell', 0.1, 52_000, 51_900, 'q-2').type).toBe('TAKE_PROFIT_LIMIT');
    expect(protectiveOrderRequest('stop-loss', 'buy', 0.1, 51_000, undefined, 'q-3')).toEqual({
      type: 'STOP_LOSS', side: 'buy', amount: 0.1, price: undefined, params: { triggerPrice: 51_000, clientOrderId: 'q-3' },
    });
    expect(protectiveOrderRequest('take-profit', 'buy', 0.1, 48_000, undefined, 'q-4').type).toBe('TAKE_PROFIT');
    expect(() => protectiveOrderRequest('stop-loss', 'sell', 0, 49_000, 48_900, 'q-5')).toThrow(/amount/);
    expect(() => protectiveOrderRequest('stop-loss', 'sell', 0.1, Number.NaN, 48_900, 'q-6')).toThrow(/triggerPrice/);
  });

  test("why the type is named: ccxt reads a bare triggerPrice on a 'limit' as a stop-loss", async () => {
    await start();
    const error = await refusal(rig.client.createOrder('BTC/USDT', 'limit', 'sell', 0.1, 51_900, { triggerPrice: 52_000 }));
    expect(error).toBeInstanceOf(ccxt.OrderImmediatelyFillable);
    expect(rig.emulator.orderRequests[0].params).toMatchObject({ type: 'STOP_LOSS_LIMIT', stopPrice: '52000' });
    // ccxt's own take-profit spelling works: 'limit' + takeProfitPrice
    const unified = await rig.client.createOrder('BTC/USDT', 'limit', 'sell', 0.1, 51_900, { takeProfitPrice: 52_000 });
    expect(rig.emulator.orderRequests[1].params).toMatchObject({ type: 'TAKE_PROFIT_LIMIT', stopPrice: '52000', timeInForce: 'GTC' });
    expect(triggerPriceOf(unified)).toBe(52_000);
  });
});

describe('stop-loss-limit sell', () => {
  test('rests below the market with its trigger, does not fill above it, fires and fills when a low crosses it', async () => {
    await start();
    const placed = await place(stopLossSell(0.1, 49_000, 48_900, 'q-stop-1'));
    expect(placed).toMatchObject({ id: '1', clientOrderId: 'q-stop-1', status: 'open', type: 'limit', price: 48_900, filled: 0 });
    expect(triggerPriceOf(placed)).toBe(49_000);
    // ccxt quirk (README): the create reply's timestamp is Binance's workingTime, -1 until the stop fires
    expect(placed.timestamp).toBe(-1);
    expect(rig.emulator.orderRequests[0].params).toMatchObject({
      type: 'STOP_LOSS_LIMIT', side: 'SELL', quantity: '0.1', price: '48900', stopPrice: '49000', timeInForce: 'GTC',
      newClientOrderId: 'q-stop-1',
    });
    expect(rig.emulator.balances().BTC).toEqual({ free: 0.9, locked: 0.1 });

    const [open] = await rig.client.fetchOpenOrders('BTC/USDT');
    expect(open).toMatchObject({ id: placed.id, status: 'open', triggerPrice: 49_000, stopPrice: 49_000, price: 48_900 });
    expect(open.info).toMatchObject({ type: 'STOP_LOSS_LIMIT', stopPrice: '49000.00000000', isWorking: false, workingTime: -1 });
    expect(triggerPriceOf(open)).toBe(49_000);

    rig.emulator.advance(1); // low 49 700: above the stop
    expect((await rig.client.fetchOrder(placed.id!, 'BTC/USDT')).status).toBe('open');
    expect(rig.emulator.trades).toEqual([]);

    rig.emulator.advance(1); // low 48 800: fires at 49 000; the 48 900 limit is marketable there
    const filled = await rig.client.fetchOrder(placed.id!, 'BTC/USDT');
    expect(filled).toMatchObject({ status: 'closed', filled: 0.1, average: 49_000, cost: 4_900, triggerPrice: 49_000 });
    expect(filled.info.isWorking).toBe(true);
    const [trade] = await rig.client.fetchMyTrades('BTC/USDT');
    expect(trade).toMatchObject({ order: placed.id, side: 'sell', price: 49_000, amount: 0.1, takerOrMaker: 'taker' });
    const balance = await rig.client.fetchBalance();
    expect(balance.BTC).toMatchObject({ free: 0.9, used: 0 });
    expect(balance.USDT.free).toBeCloseTo(10_000 + 4_900 - 4.9, 8);
  });

  test('a candle that gaps below the stop and the limit fires it at the open, and the limit then rests', async () => {
    await start([NOW, GAP, RALLY]);
    const placed = await place(stopLossSell(0.1, 49_000, 48_900, 'q-gap'));
    rig.emulator.advance(1); // opens at 47 500: fired, but the 48 900 limit is above every price of this candle
    const working = await rig.client.fetchOrder(placed.id!, 'BTC/USDT');
    expect(working).toMatchObject({ status: 'open', filled: 0 });
    expect(working.info).toMatchObject({ isWorking: true, type: 'STOP_LOSS_LIMIT' });
    expect(working.info.workingTime).toBeGreaterThan(0);
    rig.emulator.advance(1); // the rally reaches the limit: a maker fill at 48 900
    expect(await rig.client.fetchOrder(placed.id!, 'BTC/USDT')).toMatchObject({ status: 'closed', average: 48_900 });
    expect(rig.emulator.trades[0]).toMatchObject({ price: 48_900, isMaker: true });
  });

  test('an IOC stop-limit that cannot fill when it fires expires', async () => {
    await start([NOW, GAP]);
    const request = stopLossSell(0.1, 49_000, 48_900, 'q-ioc');
    const placed = await place({ ...request, params: { ...request.params, timeInForce: 'IOC' } });
    rig.emulator.advance(1);
    expect(await rig.client.fetchOrder(placed.id!, 'BTC/USDT')).toMatchObject({ status: 'expired', filled: 0 });
    expect(rig.emulator.balances().BTC).toEqual({ free: 1, locked: 0 });
  });

  test('the market variant (STOP_LOSS) fills at the open of a gap', async () => {
    await start([NOW, GAP]);
    const placed = await place(stopLossSell(0.1, 49_000, undefined, 'q-stop-market'));
    expect(placed).toMatchObject({ status: 'open', type: 'market', triggerPrice: 49_000 });
    expect(rig.emulator.orderRequests[0].params).toMatchObject({ type: 'STOP_LOSS', stopPrice: '49000' });
    expect(rig.emulator.orderRequests[0].params.price).toBeUndefined();
    rig.emulator.advance(1);
    expect(await rig.client.fetchOrder(placed.id!, 'BTC/USDT')).toMatchObject({ status: 'closed', average: 47_500, filled: 0.1 });
  });

  test('a stop at or above the last price would trigger immediately and is refused', async () => {
    await start();
    for (const trigger of [50_000, 50_500]) {
      const error = await refusal(place(stopLossSell(0.1, trigger, 49_900, `q-now-${trigger}`)));
      expect(error).toBeInstanceOf(ccxt.OrderImmediatelyFillable);
      expect(String(error)).toContain('Order would trigger immediately.');
    }
    const takeProfitBelow = await refusal(place(protectiveOrderRequest('take-profit', 'sell', 0.1, 49_000, 48_900, 'q-tp-low')));
    expect(takeProfitBelow).toBeInstanceOf(ccxt.OrderImmediatelyFillable);
    expect(rig.emulator.orders).toEqual([]);
    expect(rig.emulator.orderRequests.map((request) => request.error?.code)).toEqual([-2010, -2010, -2010]);
    expect(rig.emulator.balances().BTC).toEqual({ free: 1, locked: 0 });
  });

  test('cancelOrder cancels a waiting stop, frees the base, and the stop never fires', async () => {
    await start();
    const placed = await place(stopLossSell(0.1, 49_000, 48_900, 'q-cancel'));
    const canceled = await rig.client.cancelOrder(placed.id!, 'BTC/USDT');
    expect(canceled).toMatchObject({ status: 'canceled', triggerPrice: 49_000 });
    expect(rig.emulator.balances().BTC).toEqual({ free: 1, locked: 0 });
    rig.emulator.advance(4);
    expect(rig.emulator.trades).toEqual([]);
    expect(await rig.client.fetchOpenOrders('BTC/USDT')).toEqual([]);
  });

  test('the stop locks its base: more than the free base is refused, and the position cannot be sold twice', async () => {
    await start();
    rig.emulator.setBalance('BTC', 0.05);
    const tooBig = await refusal(place(stopLossSell(0.1, 49_000, 48_900, 'q-too-big')));
    expect(tooBig).toBeInstanceOf(ccxt.InsufficientFunds);
    await place(stopLossSell(0.05, 49_000, 48_900, 'q-all'));
    const sellAgain = await refusal(rig.client.createOrder('BTC/USDT', 'market', 'sell', 0.01));
    expect(sellAgain).toBeInstanceOf(ccxt.InsufficientFunds);
    expect(rig.emulator.balances().BTC).toEqual({ free: 0, locked: 0.05 });
  });
});

describe('parameter checks (raw requests)', () => {
  const base = { symbol: 'BTCUSDT', side: 'SELL', type: 'STOP_LOSS_LIMIT', quantity: '0.1', price: '48900', timeInForce: 'GTC' };

  test('a missing stopPrice is -1102, an off-tick stopPrice fails PRICE_FILTER, a missing timeInForce is -1102', async () => {
    await start();
    const missing = await signedFetch(rig.emulator, 'POST', '/api/v3/order', base);
    expect(missing.body).toEqual({ code: -1102, msg: "Mandatory parameter 'stopPrice' was not sent, was empty/null, or malformed." });
    const offTick = await signedFetch(rig.emulator, 'POST', '/api/v3/order', { ...base, stopPrice: '49000.005' });
    expect(offTick.body).toEqual({ code: -1013, msg: 'Filter failure: PRICE_FILTER' });
    const { timeInForce: _timeInForce, ...noTif } = base;
    const noTimeInForce = await signedFetch(rig.emulator, 'POST', '/api/v3/order', { ...noTif, stopPrice: '49000' });
    expect(noTimeInForce.body.msg).toBe("Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed.");
    const tiny = await signedFetch(rig.emulator, 'POST', '/api/v3/order', { ...base, quantity: '0.00001', stopPrice: '49000' });
    expect(tiny.body).toEqual({ code: -1013, msg: 'Filter failure: NOTIONAL' });
  });

  test('a stop order defaults to an ACK reply, as on Binance', async () => {
    await start();
    const reply = await signedFetch(rig.emulator, 'POST', '/api/v3/order', { ...base, stopPrice: '49000' });
    expect(Object.keys(reply.body).sort()).toEqual(['clientOrderId', 'orderId', 'orderListId', 'symbol', 'transactTime']);
  });
});

describe('take-profit and buy-side stops', () => {
  test('a take-profit-limit sell waits below its trigger and fills when a high reaches it', async () => {
    await start();
    const placed = await place(protectiveOrderRequest('take-profit', 'sell', 0.1, 52_000, 51_900, 'q-tp'));
    expect(rig.emulator.orderRequests[0].params).toMatchObject({ type: 'TAKE_PROFIT_LIMIT', stopPrice: '52000', price: '51900' });
    expect(triggerPriceOf((await rig.client.fetchOpenOrders('BTC/USDT'))[0])).toBe(52_000);
    rig.emulator.advance(3);
    expect((await rig.client.fetchOrder(placed.id!, 'BTC/USDT')).status).toBe('open');
    rig.emulator.advance(1); // high 52 500
    expect(await rig.client.fetchOrder(placed.id!, 'BTC/USDT')).toMatchObject({ status: 'closed', average: 52_000, filled: 0.1 });
  });

  test('a buy stop-loss (market) locks quote at its stop and fires when a high rises to it', async () => {
    await start();
    const placed = await place(protectiveOrderRequest('stop-loss', 'buy', 0.1, 51_000, undefined, 'q-buy-stop'));
    expect(rig.emulator.balances().USDT).toEqual({ free: 4_900, locked: 5_100 });
    rig.emulator.advance(3);
    expect((await rig.client.fetchOrder(placed.id!, 'BTC/USDT')).status).toBe('open');
    rig.emulator.advance(1);
    expect(await rig.client.fetchOrder(placed.id!, 'BTC/USDT')).toMatchObject({ status: 'closed', average: 51_000 });
    expect(rig.emulator.balances().USDT).toEqual({ free: 4_900, locked: 0 });
    expect(rig.emulator.balances().BTC.free).toBeCloseTo(1 + 0.1 - 0.0001, 10);
  });
});

describe('OCO (POST /api/v3/orderList/oco via ccxt privatePostOrderListOco)', () => {
  const sellOco = (extra: Record<string, string> = {}) => rig.client.privatePostOrderListOco({
    symbol: 'BTCUSDT', side: 'SELL', quantity: '0.1', listClientOrderId: 'q-oco',
    aboveType: 'LIMIT_MAKER', abovePrice: '52000', aboveClientOrderId: 'q-oco-tp',
    belowType: 'STOP_LOSS_LIMIT', belowStopPrice: '49000', belowPrice: '48900', belowTimeInForce: 'GTC',
    belowClientOrderId: 'q-oco-sl', ...extra,
  });
  const legs = async () => {
    const sl = await rig.client.fetchOrder('', 'BTC/USDT', { clientOrderId: 'q-oco-sl' });
    const tp = await rig.client.fetchOrder('', 'BTC/USDT', { clientOrderId: 'q-oco-tp' });
    return { sl, tp };
  };

  test('both legs rest under one orderListId, show in openOrders, and lock the quantity once', async () => {
    await start();
    const reply = await sellOco();
    expect(reply).toMatchObject({ contingencyType: 'OCO', listStatusType: 'EXEC_STARTED', listClientOrderId: 'q-oco' });
    expect(reply.orders.map((o: { clientOrderId: string }) => o.clientOrderId)).toEqual(['q-oco-sl', 'q-oco-tp']);
    const open = await rig.client.fetchOpenOrders('BTC/USDT');
    expect(open.map((o) => [o.clientOrderId, o.info.type, o.info.orderListId, triggerPriceOf(o)])).toEqual([
      ['q-oco-sl', 'STOP_LOSS_LIMIT', reply.orderListId, 49_000],
      ['q-oco-tp', 'LIMIT_MAKER', reply.orderListId, undefined],
    ]);
    expect(rig.emulator.balances().BTC).toEqual({ free: 0.9, locked: 0.1 });
    expect(rig.emulator.orderLists).toMatchObject([{ orderListId: reply.orderListId, orderIds: open.map((o) => Number(o.id)) }]);
    const list = await rig.client.privateGetOrderList({ orderListId: reply.orderListId });
    expect(list).toMatchObject({ listStatusType: 'EXEC_STARTED', listOrderStatus: 'EXECUTING' });
    expect(await rig.client.privateGetOpenOrderList()).toHaveLength(1);
  });

  test('the take-profit leg fills on a rally and the stop leg expires', async () => {
    await start([NOW, CLEAN_RALLY]);
    await sellOco();
    rig.emulator.advance(1);
    const { sl, tp } = await legs();
    expect(tp).toMatchObject({ status: 'closed', filled: 0.1, average: 52_000 });
    expect(sl).toMatchObject({ status: 'expired', filled: 0 });
    expect(rig.emulator.balances().BTC).toEqual({ free: 0.9, locked: 0 });
    expect(rig.emulator.balances().USDT.free).toBeCloseTo(10_000 + 5_200 - 5.2, 8);
    const list = await rig.client.privateGetOrderList({ origClientOrderId: 'q-oco' });
    expect(list).toMatchObject({ listStatusType: 'ALL_DONE', listOrderStatus: 'ALL_DONE' });
    expect(await rig.client.fetchOpenOrders('BTC/USDT')).toEqual([]);
  });

  test('the stop leg fires on a dip, fills, and the take-profit leg expires', async () => {
    await start([NOW, DIP, RALLY]);
    await sellOco();
    rig.emulator.advance(2);
    const { sl, tp } = await legs();
    expect(sl).toMatchObject({ status: 'closed', filled: 0.1, average: 49_000 });
    expect(tp).toMatchObject({ status: 'expired', filled: 0 });
    expect(rig.emulator.trades.map((trade) => trade.price)).toEqual([49_000]);
    expect(rig.emulator.balances().BTC).toEqual({ free: 0.9, locked: 0 });
  });

  test('a candle whose range reaches both legs fires the stop leg (placed first): the pessimistic reading', async () => {
    await start([NOW, candle(1, 50_000, 52_500, 48_800, 51_000)]);
    await sellOco();
    rig.emulator.advance(1);
    const { sl, tp } = await legs();
    expect([sl.status, sl.average, tp.status]).toEqual(['closed', 49_000, 'expired']);
  });

  test('cancelling one leg cancels the list and frees the base', async () => {
    await start();
    await sellOco();
    const { tp } = await legs();
    expect(await rig.client.cancelOrder(tp.id!, 'BTC/USDT')).toMatchObject({ status: 'canceled' });
    const after = await legs();
    expect([after.sl.status, after.tp.status]).toEqual(['canceled', 'canceled']);
    expect(rig.emulator.balances().BTC).toEqual({ free: 1, locked: 0 });
    rig.emulator.advance(4);
    expect(rig.emulator.trades).toEqual([]);
  });

  test('DELETE /api/v3/orderList cancels both legs; cancelAllOrders answers an OCO as one list', async () => {
    await start();
    const first = await sellOco();
    const canceled = await rig.client.privateDeleteOrderList({ symbol: 'BTCUSDT', orderListId: first.orderListId });
    expect(canceled.listStatusType).toBe('ALL_DONE');
    expect(canceled.orderReports.map((r: { status: string }) => r.status)).toEqual(['CANCELED', 'CANCELED']);
    await sellOco({ listClientOrderId: 'q-oco-2', aboveClientOrderId: 'q-oco-tp-2', belowClientOrderId: 'q-oco-sl-2' });
    await rig.client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 49_000);
    const raw = await signedFetch(rig.emulator, 'DELETE', '/api/v3/openOrders', { symbol: 'BTCUSDT' });
    expect((raw.body as unknown as Record<string, unknown>[]).map((item) => item.contingencyType ?? item.type)).toEqual(['OCO', 'LIMIT']);
    expect(rig.emulator.balances()).toMatchObject({ BTC: { free: 1, locked: 0 }, USDT: { free: 10_000, locked: 0 } });
  });

  test('prices on the wrong side of the market are refused', async () => {
    await start();
    const error = await refusal(sellOco({ belowStopPrice: '50500', belowPrice: '50400' }));
    expect(error).toBeInstanceOf(ccxt.InvalidOrder);
    expect(String(error)).toContain('The relationship of the prices for the orders is not correct.');
    const swapped = await refusal(sellOco({ aboveType: 'STOP_LOSS_LIMIT', aboveStopPrice: '52000', aboveTimeInForce: 'GTC', belowType: 'LIMIT_MAKER' }));
    expect(swapped).toBeInstanceOf(ccxt.BadRequest);
    expect(rig.emulator.orders).toEqual([]);
  });

  test('an OCO needs the whole quantity free once', async () => {
    await start();
    rig.emulator.setBalance('BTC', 0.05);
    expect(await refusal(sellOco())).toBeInstanceOf(ccxt.InsufficientFunds);
  });

  test('the legacy POST /api/v3/order/oco (privatePostOrderOco) places the same pair', async () => {
    await start([NOW, DIP]);
    const reply = await rig.client.privatePostOrderOco({
      symbol: 'BTCUSDT', side: 'SELL', quantity: '0.1', price: '52000', stopPrice: '49000', stopLimitPrice: '48900',
      stopLimitTimeInForce: 'GTC', limitClientOrderId: 'q-oco-tp', stopClientOrderId: 'q-oco-sl',
    });
    expect(reply.orderReports.map((r: { type: string }) => r.type)).toEqual(['STOP_LOSS_LIMIT', 'LIMIT_MAKER']);
    rig.emulator.advance(1);
    const { sl, tp } = await legs();
    expect([sl.status, tp.status]).toEqual(['closed', 'expired']);
  });
});
