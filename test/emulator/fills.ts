// Executes one fill of an order: moves balances, charges commission, books the trade and updates the order's state.
import type { Wallet } from './balances';
import { clean } from './decimal';
import type { CommissionConfig, MarketSpec, OrderRecord, TradeRecord } from './types';

export interface FillContext {
  wallet: Wallet;
  commission: CommissionConfig;
  trades: TradeRecord[];
  nextTradeId: () => number;
  now: () => number;
}

function commissionOf(ctx: FillContext, spec: MarketSpec, order: OrderRecord, qty: number, quoteQty: number, isMaker: boolean): { asset: string; amount: number } {
  const rate = isMaker ? ctx.commission.makerRate : ctx.commission.takerRate;
  const mode = ctx.commission.asset;
  const inBase = mode === 'base' || (mode === 'received' && order.side === 'BUY');
  return inBase
    ? { asset: spec.base, amount: clean(qty * rate) }
    : { asset: spec.quote, amount: clean(quoteQty * rate) };
}

/** What the order still holds locked is spent first; anything above it (a market buy that slipped) comes from free. */
function payFor(ctx: FillContext, order: OrderRecord, asset: string, amount: number): void {
  const fromLocked = Math.min(order.locked, amount);
  order.locked = clean(order.locked - fromLocked);
  ctx.wallet.spend(asset, fromLocked, clean(amount - fromLocked));
}

export function executeFill(ctx: FillContext, spec: MarketSpec, order: OrderRecord, qty: number, price: number, isMaker: boolean): TradeRecord {
  const quoteQty = clean(qty * price);
  if (order.side === 'BUY') {
    payFor(ctx, order, spec.quote, quoteQty);
    ctx.wallet.credit(spec.base, qty);
  } else {
    payFor(ctx, order, spec.base, qty);
    ctx.wallet.credit(spec.quote, quoteQty);
  }
  const fee = commissionOf(ctx, spec, order, qty, quoteQty, isMaker);
  ctx.wallet.charge(fee.asset, fee.amount);
  const time = ctx.now();
  const trade: TradeRecord = {
    symbol: order.symbol, id: ctx.nextTradeId(), orderId: order.orderId, orderListId: order.orderListId, price, qty, quoteQty,
    commission: fee.amount, commissionAsset: fee.asset, time, isBuyer: order.side === 'BUY', isMaker,
  };
  ctx.trades.push(trade);
  order.executedQty = clean(order.executedQty + qty);
  order.cummulativeQuoteQty = clean(order.cummulativeQuoteQty + quoteQty);
  order.updateTime = time;
  order.status = order.executedQty + 1e-12 >= order.origQty ? 'FILLED' : 'PARTIALLY_FILLED';
  if (order.status === 'FILLED') releaseRest(ctx, spec, order);
  return trade;
}

/** Returns whatever the order still has locked to free (order done, canceled or expired). */
export function releaseRest(ctx: FillContext, spec: MarketSpec, order: OrderRecord): void {
  if (order.locked <= 0) return;
  ctx.wallet.release(order.side === 'BUY' ? spec.quote : spec.base, order.locked);
  order.locked = 0;
}
