// Renders orders, trades and balances in the exact JSON shapes Binance's spot REST API returns.
import { fmt } from './decimal';
import { isTriggerType } from './triggers';
import type { OrderListRecord, OrderRecord, TradeRecord } from './types';

type Json = Record<string, unknown>;

function orderCore(order: OrderRecord): Json {
  return {
    symbol: order.symbol,
    orderId: order.orderId,
    orderListId: order.orderListId,
    clientOrderId: order.clientOrderId,
    price: fmt(order.price),
    origQty: fmt(order.origQty),
    executedQty: fmt(order.executedQty),
    origQuoteOrderQty: fmt(order.origQuoteOrderQty),
    cummulativeQuoteQty: fmt(order.cummulativeQuoteQty),
    status: order.status,
    timeInForce: order.timeInForce,
    type: order.type,
    side: order.side,
  };
}

/** Binance's "conditional fields": order replies carry stopPrice only for the stop and take-profit types. */
function conditional(order: OrderRecord): Json {
  return isTriggerType(order.type) ? { stopPrice: fmt(order.stopPrice) } : {};
}

/** GET /api/v3/order and /api/v3/openOrders entries. */
export function orderView(order: OrderRecord): Json {
  return {
    ...orderCore(order),
    stopPrice: fmt(order.stopPrice),
    icebergQty: '0.00000000',
    time: order.time,
    updateTime: order.updateTime,
    isWorking: order.type !== 'MARKET' && order.workingTime !== -1,
    workingTime: order.workingTime,
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

function fillView(trade: TradeRecord): Json {
  return {
    price: fmt(trade.price),
    qty: fmt(trade.qty),
    commission: fmt(trade.commission),
    commissionAsset: trade.commissionAsset,
    tradeId: trade.id,
  };
}

/** POST /api/v3/order reply in the requested newOrderRespType. */
export function newOrderView(order: OrderRecord, fills: TradeRecord[], respType: 'ACK' | 'RESULT' | 'FULL'): Json {
  const ack = {
    symbol: order.symbol, orderId: order.orderId, orderListId: order.orderListId,
    clientOrderId: order.clientOrderId, transactTime: order.time,
  };
  if (respType === 'ACK') return ack;
  const result = {
    ...orderCore(order), transactTime: order.time, ...conditional(order), workingTime: order.workingTime,
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
  return respType === 'RESULT' ? result : { ...result, fills: fills.map(fillView) };
}

/** DELETE /api/v3/order reply: clientOrderId is the cancel request's own id, the original moves to origClientOrderId. */
export function canceledView(order: OrderRecord, cancelClientId: string, time: number): Json {
  return {
    ...orderCore(order),
    origClientOrderId: order.clientOrderId,
    clientOrderId: cancelClientId,
    transactTime: time,
    ...conditional(order),
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

/** GET /api/v3/orderList, openOrderList and allOrderList entry: the list and its legs' ids. */
export function orderListView(list: OrderListRecord, legs: OrderRecord[]): Json {
  return {
    orderListId: list.orderListId,
    contingencyType: list.contingencyType,
    listStatusType: list.listStatusType,
    listOrderStatus: list.listOrderStatus,
    listClientOrderId: list.listClientOrderId,
    transactionTime: list.transactionTime,
    symbol: list.symbol,
    orders: legs.map((leg) => ({ symbol: leg.symbol, orderId: leg.orderId, clientOrderId: leg.clientOrderId })),
  };
}

/** POST /api/v3/orderList/oco and DELETE /api/v3/orderList reply: the list plus one report per leg. */
export function orderListReply(list: OrderListRecord, legs: OrderRecord[], reports: Json[]): Json {
  return { ...orderListView(list, legs), orderReports: reports };
}

/** GET /api/v3/myTrades entry. */
export function myTradeView(trade: TradeRecord): Json {
  return {
    symbol: trade.symbol,
    id: trade.id,
    orderId: trade.orderId,
    orderListId: trade.orderListId,
    price: fmt(trade.price),
    qty: fmt(trade.qty),
    quoteQty: fmt(trade.quoteQty),
    commission: fmt(trade.commission),
    commissionAsset: trade.commissionAsset,
    time: trade.time,
    isBuyer: trade.isBuyer,
    isMaker: trade.isMaker,
    isBestMatch: true,
  };
}
