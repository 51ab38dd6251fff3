// SIGNED spot endpoints: account, new/query/cancel order, open orders, cancel-all, all orders and my trades.
import { randomBytes } from 'node:crypto';
import { BinanceError, errors } from './errors';
import { intParam } from './http-util';
import { parseNewOrder, type Params } from './order-params';
import type { OrderRef } from './matching';
import type { ExchangeState, Route, RouteContext } from './state';
import type { OrderRecord, OrderRequestRecord, TradeRecord } from './types';
import { canceledView, myTradeView, newOrderView, orderListReply, orderView } from './views';
import { fmt } from './decimal';

export function symbolOf(state: ExchangeState, params: Params, required: boolean): string | undefined {
  const symbol = params.symbol;
  if (symbol === undefined || symbol === '') {
    if (required) throw errors.mandatory('symbol');
    return undefined;
  }
  if (!state.markets.has(symbol)) throw errors.badSymbol();
  return symbol;
}

function orderRefOf(params: Params): OrderRef {
  const orderId = intParam(params, 'orderId');
  if (Number.isNaN(orderId)) throw errors.illegalChars('orderId');
  return { orderId, origClientOrderId: params.origClientOrderId || undefined };
}

function account(state: ExchangeState): unknown {
  const bps = (rate: number): number => Math.round(rate * 10_000);
  const rate = (value: number): string => value.toFixed(8);
  const balances = Object.entries(state.wallet.snapshot())
    .map(([asset, entry]) => ({ asset, free: fmt(entry.free), locked: fmt(entry.locked) }));
  return {
    makerCommission: bps(state.commission.makerRate), takerCommission: bps(state.commission.takerRate),
    buyerCommission: 0, sellerCommission: 0,
    commissionRates: { maker: rate(state.commission.makerRate), taker: rate(state.commission.takerRate), buyer: '0.00000000', seller: '0.00000000' },
    canTrade: true, canWithdraw: true, canDeposit: true, brokered: false, requireSelfTradePrevention: false, preventSor: false,
    updateTime: state.serverTime(), accountType: 'SPOT', balances, permissions: ['SPOT'], uid: 354937868,
  };
}

/**
 * Records every order request that reached the engine (orders and order lists), so tests can see retries even when
 * replies were lost; `place` returns the accepted order (an OCO: its first leg) and the reply.
 */
export function recordOrderRequest(state: ExchangeState, params: Params, clientOrderId: string | undefined, place: () => { order: OrderRecord; reply: unknown }): unknown {
  const { signature: _signature, ...logged } = params;
  const entry: OrderRequestRecord = { time: state.serverTime(), clientOrderId, params: logged, accepted: false };
  state.orderRequests.push(entry);
  try {
    const { order, reply } = place();
    entry.accepted = true;
    entry.orderId = order.orderId;
    return reply;
  } catch (error) {
    if (error instanceof BinanceError) entry.error = { code: error.code, msg: error.msg };
    throw error;
  }
}

function newOrder({ state, params, method, path }: RouteContext): unknown {
  return recordOrderRequest(state, params, params.newClientOrderId, () => {
    const request = parseNewOrder(params, state.markets);
    const order = state.engine.place(request, state.faults.takePartialFill(method, path));
    const fills = state.engine.trades.filter((trade) => trade.orderId === order.orderId);
    return { order, reply: newOrderView(order, fills, request.respType) };
  });
}

function cancelOrder({ state, params }: RouteContext): unknown {
  const symbol = symbolOf(state, params, true)!;
  const order = state.engine.cancel(symbol, orderRefOf(params));
  const cancelId = params.newClientOrderId || `emu_cancel_${randomBytes(6).toString('hex')}`;
  return canceledView(order, cancelId, state.serverTime());
}

/** Like Binance, an OCO is answered as one order-list report among the single orders. */
function cancelAll({ state, params }: RouteContext): unknown {
  const symbol = symbolOf(state, params, true)!;
  const now = state.serverTime();
  return state.engine.cancelAll(symbol).map((item) => {
    if (!('orderIds' in item)) return canceledView(item, `emu_cancel_${item.orderId}`, now);
    const legs = state.engine.legsOf(item);
    return orderListReply(item, legs, legs.map((leg) => canceledView(leg, `emu_cancel_${leg.orderId}`, now)));
  });
}

/** Binance's list rules: fromId forward, else a time window forward, else the most recent `limit`. */
function pickWindow<T extends { time: number }>(items: T[], params: Params, idOf: (item: T) => number, idParam: string): T[] {
  const limit = Math.min(intParam(params, 'limit') ?? 500, 1000);
  const fromId = intParam(params, idParam);
  const startTime = intParam(params, 'startTime');
  const endTime = intParam(params, 'endTime');
  if ([limit, fromId, startTime, endTime].some((value) => Number.isNaN(value))) throw errors.illegalChars(idParam);
  let list = items;
  if (fromId !== undefined) return list.filter((item) => idOf(item) >= fromId).slice(0, limit);
  if (startTime !== undefined) list = list.filter((item) => item.time >= startTime);
  if (endTime !== undefined) list = list.filter((item) => item.time <= endTime);
  if (startTime !== undefined) return list.slice(0, limit);
  return list.slice(Math.max(0, list.length - limit));
}

function myTrades({ state, params }: RouteContext): unknown {
  const symbol = symbolOf(state, params, true)!;
  const orderId = intParam(params, 'orderId');
  let trades: TradeRecord[] = state.engine.trades.filter((trade) => trade.symbol === symbol);
  if (orderId !== undefined) trades = trades.filter((trade) => trade.orderId === orderId);
  return pickWindow(trades, params, (trade) => trade.id, 'fromId').map(myTradeView);
}

function allOrders({ state, params }: RouteContext): unknown {
  const symbol = symbolOf(state, params, true)!;
  const orders = state.engine.orders.filter((order) => order.symbol === symbol);
  return pickWindow(orders, params, (order) => order.orderId, 'orderId').map(orderView);
}

export const privateRoutes: Route[] = [
  { method: 'GET', path: '/api/v3/account', signed: true, handle: ({ state }) => account(state) },
  { method: 'POST', path: '/api/v3/order', signed: true, handle: newOrder },
  {
    method: 'GET', path: '/api/v3/order', signed: true,
    handle: ({ state, params }) => orderView(state.engine.find(symbolOf(state, params, true)!, orderRefOf(params))),
  },
  { method: 'DELETE', path: '/api/v3/order', signed: true, handle: cancelOrder },
  {
    method: 'GET', path: '/api/v3/openOrders', signed: true,
    handle: ({ state, params }) => state.engine.open(symbolOf(state, params, false)).map(orderView),
  },
  { method: 'DELETE', path: '/api/v3/openOrders', signed: true, handle: cancelAll },
  { method: 'GET', path: '/api/v3/allOrders', signed: true, handle: allOrders },
  { method: 'GET', path: '/api/v3/myTrades', signed: true, handle: myTrades },
];
