// Rebuilds the paper venue after a restart: positions and cash from the journal's fills, resting orders re-placed.
import type { OrderIntent } from '../../model/order';
import type { SimBroker } from '../sim-broker';
import { feeInQuote, type JournalEntry, type OrderJournal } from '../journal';

/** Replays every journaled fill into the simulator's books (cash, positions, entry prices). */
export function replayFills(sim: SimBroker, journal: OrderJournal): number {
  const fills = journal.fills();
  for (const f of fills) {
    sim.portfolio.applyFill({ orderId: f.exchangeOrderId ?? f.clientOrderId, clientOrderId: f.clientOrderId, symbol: f.symbol,
      side: f.side, time: f.time, price: f.price, amount: f.amount, fee: feeInQuote(f) });
  }
  return fills.length;
}

/** The rest of a resting order, as an intent the simulator can take again. */
export function restingIntent(e: JournalEntry): OrderIntent {
  const intent: OrderIntent = {
    clientOrderId: e.clientOrderId,
    symbol: e.symbol,
    side: e.side,
    type: e.type,
    amount: e.amount - e.filled,
    decisionTime: e.createdAt,
  };
  if (e.price !== null) intent.price = e.price;
  if (e.stopPrice !== null) intent.stopPrice = e.stopPrice;
  if (e.reduceOnly) intent.reduceOnly = true;
  if (e.sessionId !== null) intent.sessionId = e.sessionId;
  if (e.role !== null) intent.reason = e.role;
  return intent;
}

/**
 * Journal entries still open: resting ones go back on the simulated book; pending ones never reached the venue
 * (the app stopped between journaling and placing), so they are closed as never sent, as the live broker does.
 */
export function openForRestore(journal: OrderJournal): { resting: JournalEntry[]; neverSent: JournalEntry[] } {
  const open = journal.openEntries();
  return { resting: open.filter((e) => e.status !== 'pending'), neverSent: open.filter((e) => e.status === 'pending') };
}
