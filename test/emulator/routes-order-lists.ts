// SIGNED OCO endpoints: place (current and legacy), query, cancel, and list open / all order lists.
import { randomBytes } from 'node:crypto';
import { errors } from './errors';
import { intParam } from './http-util';
import type { OrderListRef } from './matching';
import { parseLegacyOco, parseOco, type NewOco } from './order-lists';
import type { Params } from './order-params';
import { recordOrderRequest, symbolOf } from './routes-private';
import type { ExchangeState, Route, RouteContext } from './state';
import { canceledView, newOrderView, orderListReply, orderListView } from './views';

/** Both placement endpoints answer the list with a RESULT-style report per leg. */
function placeOco(state: ExchangeState, params: Params, parse: (params: Params) => NewOco): unknown {
  return recordOrderRequest(state, params, params.listClientOrderId, () => {
    const { list, legs } = state.engine.placeOco(parse(params));
    return { order: legs[0], reply: orderListReply(list, legs, legs.map((leg) => newOrderView(leg, [], 'RESULT'))) };
  });
}

function listRefOf(params: Params, clientIdParam: string): OrderListRef {
  const orderListId = intParam(params, 'orderListId');
  if (Number.isNaN(orderListId)) throw errors.illegalChars('orderListId');
  return { orderListId, listClientOrderId: params[clientIdParam] || undefined };
}

function cancelList({ state, params }: RouteContext): unknown {
  const symbol = symbolOf(state, params, true)!;
  const list = state.engine.cancelList(state.engine.findList(listRefOf(params, 'listClientOrderId'), symbol));
  const now = state.serverTime();
  const legs = state.engine.legsOf(list);
  const cancelId = (i: number): string => (params.newClientOrderId ? `${params.newClientOrderId}_${i}` : `emu_cancel_${randomBytes(6).toString('hex')}`);
  return orderListReply(list, legs, legs.map((leg, i) => canceledView(leg, cancelId(i), now)));
}

function listsView(state: ExchangeState, params: Params, openOnly: boolean): unknown {
  const limit = Math.min(intParam(params, 'limit') ?? 500, 1000);
  if (Number.isNaN(limit)) throw errors.illegalChars('limit');
  const lists = state.engine.lists.filter((list) => !openOnly || list.listStatusType === 'EXEC_STARTED');
  return lists.slice(Math.max(0, lists.length - limit)).map((list) => orderListView(list, state.engine.legsOf(list)));
}

export const orderListRoutes: Route[] = [
  { method: 'POST', path: '/api/v3/orderList/oco', signed: true, handle: ({ state, params }) => placeOco(state, params, (p) => parseOco(p, state.markets)) },
  { method: 'POST', path: '/api/v3/order/oco', signed: true, handle: ({ state, params }) => placeOco(state, params, (p) => parseLegacyOco(p, state.markets)) },
  {
    method: 'GET', path: '/api/v3/orderList', signed: true,
    handle: ({ state, params }) => {
      const list = state.engine.findList(listRefOf(params, 'origClientOrderId'));
      return orderListView(list, state.engine.legsOf(list));
    },
  },
  { method: 'DELETE', path: '/api/v3/orderList', signed: true, handle: cancelList },
  { method: 'GET', path: '/api/v3/openOrderList', signed: true, handle: ({ state, params }) => listsView(state, params, true) },
  { method: 'GET', path: '/api/v3/allOrderList', signed: true, handle: ({ state, params }) => listsView(state, params, false) },
];
