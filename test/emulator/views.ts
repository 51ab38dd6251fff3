// Renders orders, trades and balances in the exact JSON shapes Binance's spot REST API returns.
import { fmt } from './decimal';
import type { OrderRecord, TradeRecord } from './types';

type Json = Record<string, unknown>;

function orderCore(order: OrderRecord): Json {
  return {
    symbol: order.symbol,
    orderId: order.orderId,
    orderListId: -1,
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

/** GET /api/v3/order and /api/v3/openOrders entries. */
export function orderView(order: OrderRecord): Json {
  return {
    ...orderCore(order),
    stopPrice: '0.00000000',
    icebergQty: '0.00000000',
    time: order.time,
    updateTime: order.updateTime,
    isWorking: order.type !== 'MARKET',
    workingTime: order.time,
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
    symbol: order.symbol, orderId: order.orderId, orderListId: -1,
    clientOrderId: order.clientOrderId, transactTime: order.time,
  };
  if (respType === 'ACK') return ack;
  const result = { ...orderCore(order), transactTime: order.time, workingTime: order.time, selfTradePreventionMode: 'EXPIRE_MAKER' };
  return respType === 'RESULT' ? result : { ...result, fills: fills.map(fillView) };
}

/** DELETE /api/v3/order reply: clientOrderId is the cancel request's own id, the original moves to origClientOrderId. */
export function canceledView(order: OrderRecord, cancelClientId: string, time: number): Json {
  return {
    ...orderCore(order),
    origClientOrderId: order.clientOrderId,
    clientOrderId: cancelClientId,
    transactTime: time,
    selfTradePreventionMode: 'EXPIRE_MAKER',
  };
}

/** GET /api/v3/myTrades entry. */
export function myTradeView(trade: TradeRecord): Json {
  return {
    symbol: trade.symbol,
    id: trade.id,
    orderId: trade.orderId,
    orderListId: -1,
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
