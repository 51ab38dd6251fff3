// Brings the journal's open orders up to date with the exchange (fills and cancels that happened since last asked).
import type { JournalEntry } from '../journal';
import type { LiveContext } from './context';
import { adopt, findByClientId, read } from './exchange-calls';
import { entryOf } from './orders-view';

export interface SyncResult {
  updated: JournalEntry[];
}

/**
 * One open-orders call per market, then a lookup for each journaled order that is no longer open (to learn whether
 * it filled or was cancelled). Pending entries are left to the submitter and to reconciliation.
 */
export async function syncOpenOrders(ctx: LiveContext): Promise<SyncResult> {
  const open = ctx.journal.openEntries().filter((e) => e.status !== 'pending');
  const symbols = [...new Set(open.map((e) => e.symbol))];
  const stillOpen = new Set<string>();
  const updated: JournalEntry[] = [];
  await Promise.all(symbols.map(async (symbol) => {
    const orders = await read(ctx, 'fetchOpenOrders', () => ctx.exchange.fetchOpenOrders(symbol));
    for (const o of orders) {
      const entry = entryOf(ctx, o);
      if (!entry) continue;
      stillOpen.add(entry.clientOrderId);
      if ((o.filled ?? 0) !== entry.filled) updated.push(await adopt(ctx, entry.clientOrderId, o));
    }
  }));
  await Promise.all(open.filter((e) => !stillOpen.has(e.clientOrderId)).map(async (e) => {
    const o = await findByClientId(ctx, e.symbol, e.wireId);
    if (o) updated.push(await adopt(ctx, e.clientOrderId, o));
  }));
  return { updated };
}
