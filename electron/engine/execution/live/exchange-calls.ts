// The repeatable exchange reads and their journal updates: order lookup by client id, fills of an order, open orders.
import type { Order as CcxtOrder, Trade as CcxtTrade } from 'ccxt';
import { withTimeout } from '../../exchange/timeouts';
import type { JournalEntry, JournalFill } from '../journal';
import type { BalanceLine } from './reconcile-types';
import { classifyError } from './ccxt-errors';
import { answerOf, fillOfTrade, fillsOfOrder } from './ccxt-orders';
import type { LiveContext } from './context';
import { retrying } from './retry';

/** A read under the order budget, retried on network trouble, rate limits and clock skew. */
export function read<T>(ctx: LiveContext, operation: string, work: () => Promise<T>): Promise<T> {
  return retrying(operation, () => withTimeout(operation, ctx.timeouts.order, work), ctx.retry, { onClockSkew: () => ctx.syncClock() });
}

function clientIdParams(ctx: LiveContext, wireId: string): Record<string, string> {
  // Binance names the lookup key origClientOrderId; ccxt's unified name works for the others.
  return ctx.exchange.id.startsWith('binance') ? { origClientOrderId: wireId } : { clientOrderId: wireId };
}

/** The exchange's order with this client id, or undefined when it has none. Throws if the exchange cannot be asked. */
export async function findByClientId(ctx: LiveContext, symbol: string, wireId: string): Promise<CcxtOrder | undefined> {
  try {
    return await read(ctx, 'fetchOrder', () => ctx.exchange.fetchOrder(undefined as unknown as string, symbol, clientIdParams(ctx, wireId)));
  } catch (err) {
    if (classifyError(err) === 'notFound') return undefined;
    throw err;
  }
}

export async function tradesOfOrder(ctx: LiveContext, symbol: string, exchangeOrderId: string): Promise<CcxtTrade[]> {
  return read(ctx, 'fetchMyTrades', () => ctx.exchange.fetchMyTrades(symbol, undefined, undefined, { orderId: exchangeOrderId }));
}

/** Records fills idempotently; returns the ones that were new. */
export function recordFills(ctx: LiveContext, entry: JournalEntry, fills: readonly JournalFill[]): JournalFill[] {
  return fills.filter((f) => ctx.journal.recordFill(entry.clientOrderId, f));
}

/** Tolerance when comparing summed float amounts with the exchange's filled figure. */
const AMOUNT_EPS = 1e-9;

/**
 * Writes an exchange answer into the journal together with the fills it carries (one transaction); if the exchange
 * reports more filled than the journal has fills for (lookups carry no trades), fetches the order's trades.
 */
export async function adopt(ctx: LiveContext, clientOrderId: string, o: CcxtOrder, force = false): Promise<JournalEntry> {
  let entry: JournalEntry = ctx.journal.get(clientOrderId)!;
  const fresh = ctx.journal.transaction(() => {
    entry = ctx.journal.recordAnswer(clientOrderId, { ...answerOf(o), lastError: null }, force);
    return recordFills(ctx, entry, fillsOfOrder(o));
  });
  fresh.push(...(await fetchMissingFills(ctx, entry)));
  entry = ctx.journal.get(clientOrderId) ?? entry;
  ctx.changed(entry, fresh);
  return entry;
}

/** When the exchange reports more filled than the journal has fills for, fetches the order's trades. */
export async function fetchMissingFills(ctx: LiveContext, entry: JournalEntry): Promise<JournalFill[]> {
  if (!entry.exchangeOrderId || entry.filled <= ctx.journal.filledFromFills(entry.clientOrderId) + AMOUNT_EPS) return [];
  const trades = await tradesOfOrder(ctx, entry.symbol, entry.exchangeOrderId);
  const fills = trades.map((t) => fillOfTrade(t, entry.updatedAt)).filter((f): f is JournalFill => f !== undefined);
  return recordFills(ctx, entry, fills);
}

/** Every currency's balance; ccxt types the per-currency maps loosely, so they are read as plain records. */
export async function balancesOf(ctx: LiveContext): Promise<Record<string, BalanceLine>> {
  const b = await read(ctx, 'fetchBalance', () => ctx.exchange.fetchBalance());
  const free = (b.free ?? {}) as unknown as Record<string, number | undefined>;
  const used = (b.used ?? {}) as unknown as Record<string, number | undefined>;
  const out: Record<string, BalanceLine> = {};
  for (const [currency, total] of Object.entries((b.total ?? {}) as unknown as Record<string, number | undefined>)) {
    out[currency] = { free: Number(free[currency] ?? 0), used: Number(used[currency] ?? 0), total: Number(total ?? 0) };
  }
  return out;
}
