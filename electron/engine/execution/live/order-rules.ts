// Rounds an intent to the market's precision and checks it against the market's limits before anything is sent.
import type { Exchange, MarketInterface } from 'ccxt';
import { ExchangeError } from '../../errors';
import type { OrderIntent } from '../../model/order';
import type { MarketRules } from '../../model/market';

/** ccxt's precisionMode values (kept local: importing ccxt's constants would load all of ccxt). */
const DECIMAL_PLACES = 2;
const TICK_SIZE = 4;

export function marketOf(ex: Exchange, symbol: string): MarketInterface {
  const market = ex.markets?.[symbol];
  if (!market) throw new ExchangeError(`${ex.id} has no market ${symbol}`, 'UNKNOWN_SYMBOL', { field: 'symbol', value: symbol });
  return market;
}

function stepOf(ex: Exchange, precision: number | undefined): number {
  if (precision === undefined || precision === null) return 1e-8;
  if (ex.precisionMode === TICK_SIZE) return precision;
  if (ex.precisionMode === DECIMAL_PLACES) return 10 ** -precision;
  return 1e-8;
}

/** The market's rules in Quorum's terms, for the paper venue's simulator. */
export function marketRulesOf(ex: Exchange, symbol: string): MarketRules {
  const m = marketOf(ex, symbol);
  return {
    symbol,
    priceStep: stepOf(ex, m.precision.price ?? undefined),
    amountStep: stepOf(ex, m.precision.amount ?? undefined),
    minAmount: m.limits.amount?.min ?? 0,
    minNotional: m.limits.cost?.min ?? 0,
  };
}

function tooSmall(message: string, details: Record<string, unknown>): ExchangeError {
  return new ExchangeError(message, 'ORDER_TOO_SMALL', details);
}

/** ccxt's rounding: amounts truncate (never more than asked), prices round to the tick. */
function rounded(ex: Exchange, intent: OrderIntent): { amount: number; price?: number; stopPrice?: number } {
  let amount: number;
  try {
    amount = Number(ex.amountToPrecision(intent.symbol, intent.amount));
  } catch {
    // ccxt throws when the amount truncates to nothing.
    amount = 0;
  }
  const price = intent.price === undefined ? undefined : Number(ex.priceToPrecision(intent.symbol, intent.price));
  const stopPrice = intent.stopPrice === undefined ? undefined : Number(ex.priceToPrecision(intent.symbol, intent.stopPrice));
  return { amount, price, stopPrice };
}

/**
 * The intent as it will be sent: amount and prices on the market's grid. Refuses locally, with the numbers in the
 * message, what the exchange would refuse anyway (below minimum amount or notional), so no request is wasted on it.
 * `referencePrice` values a market order (the ticker's last price).
 */
export function prepareIntent(ex: Exchange, intent: OrderIntent, referencePrice?: number): OrderIntent {
  const m = marketOf(ex, intent.symbol);
  const r = rounded(ex, intent);
  const limitNeeded = intent.type === 'limit' || intent.type === 'stop-limit';
  if (limitNeeded && !(r.price! > 0)) {
    throw new ExchangeError(`${intent.type} order for ${intent.symbol} needs a positive price`, 'ORDER_INVALID', { field: 'price', value: intent.price });
  }
  const details = { symbol: intent.symbol, amount: intent.amount, rounded: r.amount };
  const minAmount = m.limits.amount?.min ?? 0;
  if (!(r.amount > 0) || r.amount < minAmount) {
    throw tooSmall(`Order refused: amount ${intent.amount} ${m.base} rounds to ${r.amount}, below the minimum ${minAmount} for ${intent.symbol}`, details);
  }
  const maxAmount = m.limits.amount?.max;
  if (maxAmount && r.amount > maxAmount) {
    throw new ExchangeError(`Order refused: amount ${r.amount} exceeds the maximum ${maxAmount} for ${intent.symbol}`, 'ORDER_TOO_LARGE', details);
  }
  const valuation = r.price ?? r.stopPrice ?? referencePrice;
  const minCost = m.limits.cost?.min ?? 0;
  if (valuation !== undefined && minCost > 0 && r.amount * valuation < minCost) {
    const notional = Number((r.amount * valuation).toPrecision(8));
    throw tooSmall(`Order refused: notional ${notional} ${m.quote} (${r.amount} × ${valuation}) is below the minimum ${minCost} ${m.quote} for ${intent.symbol}`,
      { ...details, notional, minNotional: minCost });
  }
  const out: OrderIntent = { ...intent, amount: r.amount };
  if (r.price !== undefined) out.price = r.price;
  if (r.stopPrice !== undefined) out.stopPrice = r.stopPrice;
  return out;
}
