// Translates between ccxt's orders and trades and Quorum's Order, Fill and journal records.
import type { Order as CcxtOrder, Trade as CcxtTrade } from 'ccxt';
import type { Fill, Order, OrderIntent, OrderStatus, OrderType, Side } from '../../model/order';
import type { JournalEntry, JournalFill, OrderAnswer } from '../journal';
import { netFill } from '../journal';
import { protectiveOrderRequest } from './protective-order';

export function statusOf(o: CcxtOrder): OrderStatus {
  const filled = o.filled ?? 0;
  switch (o.status) {
    case 'open':
      return filled > 0 ? 'partially-filled' : 'open';
    case 'closed':
      return 'filled';
    case 'canceled':
    case 'cancelled':
    case 'expired':
      return 'cancelled';
    case 'rejected':
      return 'rejected';
    default:
      return filled > 0 ? 'partially-filled' : 'open';
  }
}

export function answerOf(o: CcxtOrder): OrderAnswer {
  const average = o.average ?? (o.filled && o.cost ? o.cost / o.filled : undefined);
  return {
    exchangeOrderId: o.id ?? undefined,
    status: statusOf(o),
    filled: o.filled ?? 0,
    averagePrice: average !== undefined && average > 0 ? average : null,
  };
}

/** The trade as a journal fill; undefined when ccxt gave no trade id (it could not be de-duplicated later). */
export function fillOfTrade(t: CcxtTrade, fallbackTime: number): JournalFill | undefined {
  if (t.id === undefined || t.id === null || t.id === '') return undefined;
  return {
    tradeId: String(t.id),
    time: t.timestamp ?? fallbackTime,
    price: t.price ?? 0,
    amount: t.amount ?? 0,
    fee: t.fee?.cost ?? 0,
    feeCurrency: t.fee?.currency ?? null,
  };
}

/** Fills that came inside a create/fetch answer (Binance's FULL response lists them with trade ids). */
export function fillsOfOrder(o: CcxtOrder): JournalFill[] {
  const time = o.lastTradeTimestamp ?? o.timestamp ?? Date.now();
  const out: JournalFill[] = [];
  for (const t of o.trades ?? []) {
    const fill = fillOfTrade(t, time);
    if (fill) out.push(fill);
  }
  return out;
}

function typeOf(ccxtType: string | undefined, fallback: OrderType): OrderType {
  const t = (ccxtType ?? '').toLowerCase();
  if (t === 'market') return 'market';
  if (t === 'limit' || t === 'limit_maker') return 'limit';
  if (t === 'stop_loss' || t === 'take_profit' || t === 'stop_market') return 'stop-market';
  if (t.startsWith('stop') || t.startsWith('take_profit')) return 'stop-limit';
  return fallback;
}

/** Our Order from a journal entry, as last recorded. */
export function orderOfEntry(e: JournalEntry, decisionTime?: number): Order {
  const order: Order = {
    clientOrderId: e.clientOrderId,
    symbol: e.symbol,
    side: e.side,
    type: e.type,
    amount: e.amount,
    decisionTime: decisionTime ?? e.createdAt,
    id: e.exchangeOrderId ?? '',
    status: e.status,
    filled: e.filled,
    averagePrice: e.averagePrice ?? Number.NaN,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
  if (e.price !== null) order.price = e.price;
  if (e.stopPrice !== null) order.stopPrice = e.stopPrice;
  if (e.reduceOnly) order.reduceOnly = true;
  if (e.sessionId !== null) order.sessionId = e.sessionId;
  if (e.role !== null) order.reason = e.role;
  if (e.lastError !== null && (e.status === 'rejected' || e.status === 'pending')) order.rejectReason = e.lastError;
  return order;
}

/** Our Order for an exchange order no journal entry knows (e.g. placed by hand on the exchange's site). */
export function orderOfCcxt(o: CcxtOrder): Order {
  const order: Order = {
    clientOrderId: o.clientOrderId ?? '',
    symbol: o.symbol ?? '',
    side: (o.side === 'sell' ? 'sell' : 'buy') as Side,
    type: typeOf(o.type, 'limit'),
    amount: o.amount ?? 0,
    decisionTime: o.timestamp ?? 0,
    id: o.id ?? '',
    status: statusOf(o),
    filled: o.filled ?? 0,
    averagePrice: o.average ?? Number.NaN,
    createdAt: o.timestamp ?? 0,
    updatedAt: o.lastUpdateTimestamp ?? o.timestamp ?? 0,
  };
  if (o.price) order.price = o.price;
  const trigger = o.triggerPrice ?? o.stopPrice;
  if (trigger) order.stopPrice = trigger;
  return order;
}

/** A journal fill as the loop's Fill, fee in quote and amount net of a base-asset fee (see netFill). */
export function publicFill(e: JournalEntry, f: JournalFill): Fill {
  return netFill(e.symbol, e.side, f, { orderId: e.exchangeOrderId ?? '', clientOrderId: e.clientOrderId });
}

export interface CcxtOrderArgs {
  /** ccxt's 'market' / 'limit', or Binance's own protective type (STOP_LOSS_LIMIT, …) for stops. */
  type: string;
  price: number | undefined;
  params: Record<string, unknown>;
}

/** ccxt's (type, price, params) for an intent; stops go out under the exchange's protective type (see protective-order). */
export function ccxtArgs(intent: OrderIntent, wireId: string, sendReduceOnly: boolean): CcxtOrderArgs {
  if ((intent.type === 'stop-market' || intent.type === 'stop-limit') && intent.stopPrice !== undefined) {
    const kind = intent.reason === 'take-profit' ? 'take-profit' : 'stop-loss';
    const limit = intent.type === 'stop-limit' ? intent.price : undefined;
    const request = protectiveOrderRequest(kind, intent.side, intent.amount, intent.stopPrice, limit, wireId);
    return { type: request.type, price: request.price, params: request.params };
  }
  const params: Record<string, unknown> = { clientOrderId: wireId };
  if (intent.reduceOnly && sendReduceOnly) params.reduceOnly = true;
  const limit = intent.type === 'limit';
  return { type: limit ? 'limit' : 'market', price: limit ? intent.price : undefined, params };
}
