// The simulator's working copy of an order, and when a resting order becomes executable as the price travels.
import type { Order, OrderIntent } from '../../model/order';

export interface SimOrder extends Order {
  /** Arrival sequence: ties in the bar walk go to the older order, as in a price-time queue. */
  seq: number;
  /** A stop-limit whose stop has been touched now works as a limit. */
  triggered: boolean;
  /** Set on the exits attached to a position: they are cancelled together (one-cancels-other). */
  protects?: 'stop-loss' | 'take-profit';
  /** The last public snapshot handed out (see SimBroker.view): reused until the order's state moves on. */
  view: Order | undefined;
}

/** True while the order waits for its stop (stop-market, or a stop-limit not yet triggered). */
function inStopPhase(o: SimOrder): boolean {
  return o.type === 'stop-market' || (o.type === 'stop-limit' && !o.triggered);
}

/** The price the order is waiting for: its stop while in the stop phase, else its limit. */
export function workingLevel(o: SimOrder): number {
  return inStopPhase(o) ? (o.stopPrice as number) : (o.price as number);
}

/** Buy stops and sell limits wait for the price to rise to their level; sell stops and buy limits for it to fall. */
function waitsForRise(o: SimOrder): boolean {
  return inStopPhase(o) ? o.side === 'buy' : o.side === 'sell';
}

/**
 * How far the price must travel from `from` toward `to` before `o` can execute: 0 if it already can at `from`,
 * -1 if it cannot anywhere on this move.
 */
export function travelUntilExecutable(o: SimOrder, from: number, to: number): number {
  if (o.type === 'market') return 0;
  const level = workingLevel(o);
  if (waitsForRise(o)) {
    if (from >= level) return 0;
    return to >= level ? level - from : -1;
  }
  if (from <= level) return 0;
  return to <= level ? from - level : -1;
}

/** Where on the move the order executes: at `from` if it already could (a gap: the price is better), else its level. */
export function touchPrice(o: SimOrder, from: number, travel: number): number {
  return travel === 0 ? from : workingLevel(o);
}

/** Stop-market orders take liquidity and suffer slippage; limits (and triggered stop-limits) fill at their price. */
export function isTaker(o: SimOrder): boolean {
  return o.type === 'market' || o.type === 'stop-market';
}

/**
 * A snapshot of the order without the simulator's bookkeeping fields. Spelled out field by field: a rest-spread
 * copy was the single most expensive line of a trade-heavy backtest.
 */
export function publicOrder(o: SimOrder): Order {
  const view: Order = {
    clientOrderId: o.clientOrderId,
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    amount: o.amount,
    decisionTime: o.decisionTime,
    id: o.id,
    status: o.status,
    filled: o.filled,
    averagePrice: o.averagePrice,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
  if (o.price !== undefined) view.price = o.price;
  if (o.stopPrice !== undefined) view.stopPrice = o.stopPrice;
  if (o.reduceOnly !== undefined) view.reduceOnly = o.reduceOnly;
  if (o.stopLoss !== undefined) view.stopLoss = o.stopLoss;
  if (o.takeProfit !== undefined) view.takeProfit = o.takeProfit;
  if (o.reason !== undefined) view.reason = o.reason;
  if (o.sessionId !== undefined) view.sessionId = o.sessionId;
  if (o.rejectReason !== undefined) view.rejectReason = o.rejectReason;
  return view;
}

/** A new resting order from an intent, every field in one fixed order so all orders share one hidden class. */
export function simOrder(intent: OrderIntent, id: string, seq: number, time: number): SimOrder {
  return {
    clientOrderId: intent.clientOrderId,
    symbol: intent.symbol,
    side: intent.side,
    type: intent.type,
    amount: intent.amount,
    price: intent.price,
    stopPrice: intent.stopPrice,
    reduceOnly: intent.reduceOnly,
    stopLoss: intent.stopLoss,
    takeProfit: intent.takeProfit,
    decisionTime: intent.decisionTime,
    reason: intent.reason,
    sessionId: intent.sessionId,
    id,
    status: 'open',
    filled: 0,
    averagePrice: Number.NaN,
    createdAt: time,
    updatedAt: time,
    rejectReason: undefined,
    seq,
    triggered: false,
    protects: undefined,
    view: undefined,
  };
}
