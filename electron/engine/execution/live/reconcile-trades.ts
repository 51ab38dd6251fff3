// Reconciliation's trade scan: every trade since the oldest open journal entry, matched to the journal's orders.
import type { Trade as CcxtTrade } from 'ccxt';
import type { LiveContext } from './context';
import { read } from './exchange-calls';
import { fillOfTrade } from './ccxt-orders';
import type { ReconcileChange } from './reconcile-types';

const PAGE = 1000;
/** Binance serves at most 24 h of trades per request window. */
const WINDOW_MS = 24 * 60 * 60 * 1000;

/** All trades of `symbol` from `since` until now, walking 24-hour windows and full pages forward. */
export async function tradesSince(ctx: LiveContext, symbol: string, since: number): Promise<CcxtTrade[]> {
  const out = new Map<string, CcxtTrade>();
  const now = ctx.now();
  let cursor = since;
  while (cursor <= now) {
    const until = Math.min(cursor + WINDOW_MS - 1, now);
    const from = cursor;
    const page = await read(ctx, 'fetchMyTrades', () => ctx.exchange.fetchMyTrades(symbol, from, PAGE, { until }));
    for (const t of page) out.set(String(t.id), t);
    const last = page[page.length - 1]?.timestamp;
    // A full page may have more in the same window: continue from its last trade (the map drops the overlap).
    cursor = page.length >= PAGE && last !== undefined && last > cursor ? last : until + 1;
  }
  return [...out.values()];
}

/**
 * Inserts fills the journal misses (idempotent by trade id) and reports trades of orders the journal does not
 * know: someone traded on the account while the app was down.
 */
export async function reconcileTrades(ctx: LiveContext, symbol: string, since: number): Promise<ReconcileChange[]> {
  const changes: ReconcileChange[] = [];
  for (const t of await tradesSince(ctx, symbol, since)) {
    const entry = t.order ? ctx.journal.getByExchangeId(String(t.order), symbol) : undefined;
    if (!entry) {
      changes.push({ kind: 'external-trade', symbol, exchangeOrderId: t.order ?? undefined,
        detail: `trade ${t.id}: ${t.side} ${t.amount} @ ${t.price} by an order Quorum did not place` });
      continue;
    }
    const fill = fillOfTrade(t, entry.updatedAt);
    if (fill && ctx.journal.recordFill(entry.clientOrderId, fill)) {
      ctx.changed(entry, [fill]);
      changes.push({ kind: 'fill-inserted', symbol, clientOrderId: entry.clientOrderId, exchangeOrderId: entry.exchangeOrderId ?? undefined,
        detail: `fill ${fill.tradeId}: ${fill.amount} @ ${fill.price} was missing from the journal` });
    }
  }
  return changes;
}
