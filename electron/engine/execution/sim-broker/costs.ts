// Fill costs on the simulated venue: adverse slippage on taker fills and the no-leverage affordability limit.
import type { Candle } from '../../../../shared/domain';
import type { Side } from '../../model/order';
import { floorToStep } from '../../model/market';
import type { SlippageModel } from './options';

/** The price after adverse slippage: a buy pays more, a sell receives less. */
export function slipped(price: number, side: Side, model: SlippageModel, bar: Candle | undefined): number {
  let amount = 0;
  if (model.kind === 'bps') amount = (price * model.bps) / 10_000;
  else if (model.kind === 'range' && bar) amount = model.fraction * (bar.high - bar.low);
  return side === 'buy' ? price + amount : price - amount;
}

/**
 * The price an order fills at once the spread is paid: only fills that open or add to a position pay it, since the
 * entry already paid for the round trip (backtesting.py closes trades at the unadjusted price).
 */
export function withSpread(price: number, side: Side, held: number, spread: number): number {
  const sign = side === 'buy' ? 1 : -1;
  if (spread === 0 || (held !== 0 && Math.sign(held) !== sign)) return price;
  return price * (1 + sign * spread);
}

export interface AccountView {
  /** Signed size held before the fill. */
  position: number;
  cash: number;
  feeRate: number;
  amountStep: number;
  allowShort: boolean;
}

/** Headroom for float noise, so a sizer's exact all-in amount is not trimmed by the last bit. */
const TOLERANCE = 1e-12;

/**
 * The largest part of `wanted` the account can carry without leverage. Closing the opposite position is always
 * allowed; a long must be paid from cash (fee included), a short's notional must stay within equity.
 */
export function affordableAmount(side: Side, wanted: number, price: number, a: AccountView): number {
  const sign = side === 'buy' ? 1 : -1;
  const closing = Math.sign(a.position) === -sign ? Math.min(wanted, Math.abs(a.position)) : 0;
  const opening = wanted - closing;
  if (opening <= 0) return wanted;
  if (side === 'sell' && !a.allowShort) return closing;
  const closeFee = closing * price * a.feeRate;
  const unit = price * (1 + a.feeRate);
  let limit: number;
  if (side === 'buy') {
    limit = (a.cash - closing * price - closeFee) / unit;
  } else {
    const positionAfterClose = a.position + closing * sign;
    const equity = a.cash + a.position * price - closeFee;
    limit = (equity + Math.min(0, positionAfterClose) * price) / unit;
  }
  if (opening <= limit * (1 + TOLERANCE)) return wanted;
  return closing + Math.max(0, floorToStep(limit, a.amountStep));
}
