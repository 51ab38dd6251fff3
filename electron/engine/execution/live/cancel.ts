// Cancels on the exchange: one order, all of a market's, or everything, each answer written to the journal.
import type { Order as CcxtOrder } from 'ccxt';
import { ExchangeError } from '../../errors';
import type { Order } from '../../model/order';
import { classifyError } from './ccxt-errors';
import type { LiveContext } from './context';
import { read } from './exchange-calls';
import { viewOf, viewsOf } from './orders-view';

function symbolFor(ctx: LiveContext, id: string, symbol: string | undefined): string {
  const found = symbol ?? ctx.journal.getByExchangeId(id)?.symbol;
  if (!found) throw new ExchangeError(`cancelOrder(${id}) needs a symbol: the journal does not know this order`, 'SYMBOL_REQUIRED', { field: 'id', value: id });
  return found;
}

/**
 * Cancelling is idempotent, so a failed call is simply repeated. A repeat (or a cancel that lost the race with a
 * fill) is answered "unknown order": the order's final state is then fetched and returned instead.
 */
export async function cancelOne(ctx: LiveContext, id: string, symbol?: string): Promise<Order> {
  const market = symbolFor(ctx, id, symbol);
  let answer: CcxtOrder;
  try {
    answer = await read(ctx, 'cancelOrder', () => ctx.exchange.cancelOrder(id, market));
  } catch (err) {
    if (classifyError(err) !== 'notFound') throw err;
    answer = await read(ctx, 'fetchOrder', () => ctx.exchange.fetchOrder(id, market));
  }
  // Binance's cancel reply names the cancel request's own client id; keep the exchange id and symbol we asked for.
  return viewOf(ctx, { ...answer, id: answer.id ?? id, symbol: answer.symbol ?? market });
}

/** Binance cancels a market's open orders in one request, and answers "unknown order" when there were none. */
export async function cancelAllOf(ctx: LiveContext, symbol: string): Promise<Order[]> {
  let answers: CcxtOrder[];
  try {
    answers = (await read(ctx, 'cancelAllOrders', () => ctx.exchange.cancelAllOrders(symbol))) as CcxtOrder[];
  } catch (err) {
    if (classifyError(err) !== 'notFound') throw err;
    return [];
  }
  return viewsOf(ctx, answers.map((o) => ({ ...o, symbol: o.symbol ?? symbol })));
}

/** Without a symbol: every market that has open orders, all at once. */
export async function cancelEverything(ctx: LiveContext): Promise<Order[]> {
  const open = await read(ctx, 'fetchOpenOrders', () => ctx.exchange.fetchOpenOrders());
  const symbols = [...new Set(open.map((o) => o.symbol).filter((s): s is string => typeof s === 'string'))];
  const perSymbol = await Promise.all(symbols.map((s) => cancelAllOf(ctx, s)));
  return perSymbol.flat();
}
