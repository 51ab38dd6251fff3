// The ccxt createOrder arguments of a protective order (stop-loss / take-profit) on Binance spot, and its trigger back.
import type { Order as CcxtOrder } from 'ccxt';
import { ExchangeError } from '../../errors';

export type ProtectiveKind = 'stop-loss' | 'take-profit';

/** Exactly the arguments of `exchange.createOrder(symbol, type, side, amount, price, params)`. */
export interface ProtectiveOrderRequest {
  /** Binance's own type name: STOP_LOSS_LIMIT, TAKE_PROFIT_LIMIT, or STOP_LOSS / TAKE_PROFIT (market on trigger). */
  type: string;
  side: 'buy' | 'sell';
  amount: number;
  /** The limit the order works at once triggered; undefined for the market variants. */
  price: number | undefined;
  params: Record<string, unknown>;
}

function requirePositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new ExchangeError(`protective order: ${name} must be a positive number, got ${value}`, 'ORDER_INVALID', { field: name, value });
  }
}

/**
 * Why the Binance type is named outright instead of ccxt's unified `type: 'limit'` + `triggerPrice`: ccxt's binance
 * reads a bare triggerPrice as a stop-loss price, so a take-profit sent that way would go out as STOP_LOSS_LIMIT and
 * Binance would refuse it ("Order would trigger immediately."). With the type
 * given, ccxt sends it unchanged, turns `triggerPrice` into Binance's `stopPrice`, and `timeInForce` GTC is the one
 * Binance requires for the *_LIMIT types. `clientOrderId` becomes `newClientOrderId`, so a retry stays idempotent.
 *
 * Binance fires a sell stop-loss when the last price falls to <= triggerPrice (buy: rises to >=), a sell take-profit
 * when it rises to >= triggerPrice (buy: falls to <=); an order that would fire at once is refused. Without a
 * `limitPrice` the market variant (STOP_LOSS / TAKE_PROFIT) is sent.
 */
export function protectiveOrderRequest(
  kind: ProtectiveKind,
  side: 'buy' | 'sell',
  amount: number,
  triggerPrice: number,
  limitPrice: number | undefined,
  wireClientId: string,
): ProtectiveOrderRequest {
  requirePositive('amount', amount);
  requirePositive('triggerPrice', triggerPrice);
  if (limitPrice !== undefined) requirePositive('limitPrice', limitPrice);
  const base = kind === 'stop-loss' ? 'STOP_LOSS' : 'TAKE_PROFIT';
  const params: Record<string, unknown> = { triggerPrice, clientOrderId: wireClientId };
  if (limitPrice === undefined) return { type: base, side, amount, price: undefined, params };
  params.timeInForce = 'GTC';
  return { type: `${base}_LIMIT`, side, amount, price: limitPrice, params };
}

/**
 * The trigger price of an order as ccxt returns it (createOrder, fetchOrder, fetchOpenOrders): ccxt's binance parses
 * Binance's `stopPrice` into `triggerPrice` (and the deprecated `stopPrice`), zero meaning none. Undefined for an order
 * without a trigger.
 */
export function triggerPriceOf(order: CcxtOrder): number | undefined {
  const info = order.info as { stopPrice?: unknown } | undefined;
  const candidates: unknown[] = [order.triggerPrice, order.stopPrice, info?.stopPrice === undefined ? undefined : Number(info.stopPrice)];
  for (const value of candidates) {
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  }
  return undefined;
}
