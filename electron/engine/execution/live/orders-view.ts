// Turns exchange orders into Quorum orders, updating the journal entries they belong to on the way.
import type { Order as CcxtOrder } from 'ccxt';
import type { Order } from '../../model/order';
import type { JournalEntry } from '../journal';
import { orderOfCcxt, orderOfEntry } from './ccxt-orders';
import type { LiveContext } from './context';
import { adopt } from './exchange-calls';

/** The journal entry an exchange order belongs to: by exchange id first, else by its client id. */
export function entryOf(ctx: LiveContext, o: CcxtOrder): JournalEntry | undefined {
  if (o.id) {
    const byId = ctx.journal.getByExchangeId(o.id, o.symbol ?? undefined);
    if (byId) return byId;
  }
  return o.clientOrderId ? ctx.journal.getByWireId(o.clientOrderId) : undefined;
}

/** Our view of an exchange order: journaled orders keep the loop's client id and get their entry updated. */
export async function viewOf(ctx: LiveContext, o: CcxtOrder): Promise<Order> {
  const entry = entryOf(ctx, o);
  if (!entry) return orderOfCcxt(o);
  return orderOfEntry(await adopt(ctx, entry.clientOrderId, o));
}

export function viewsOf(ctx: LiveContext, orders: readonly CcxtOrder[]): Promise<Order[]> {
  return Promise.all(orders.map((o) => viewOf(ctx, o)));
}
