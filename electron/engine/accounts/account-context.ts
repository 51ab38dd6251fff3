// The risk manager's view of an account: its equity, every position and resting order the journal holds (all
// sessions together), marks from the feeds, and which strategy owns what — the context the limits were written for.
import type { OrderIntent } from '../model/order';
import type { AttributedPosition, JournalEntry } from '../execution/journal';
import type { RiskContextProvider } from '../risk';

export interface AccountBook {
  equity(): number;
  positions(): AttributedPosition[];
  readonly journal: { openEntries(): JournalEntry[] };
  readonly marks: ReadonlyMap<string, number>;
  strategyOf(sessionId: number | null | undefined): string | undefined;
}

export function accountRiskContext(book: AccountBook): RiskContextProvider {
  return () => ({
    equity: () => book.equity(),
    positions: () => book.positions().map((p) => ({ symbol: p.symbol, size: p.size, strategy: book.strategyOf(p.sessionId) })),
    openOrders: () => book.journal.openEntries().map((e) => ({
      symbol: e.symbol, side: e.side, amount: Math.max(0, e.amount - e.filled), price: e.price ?? undefined,
      reduceOnly: e.reduceOnly, strategy: book.strategyOf(e.sessionId),
    })),
    // A symbol no session feeds (an order left by an earlier session) is valued at its entry or limit price.
    markPrice: (symbol) => book.marks.get(symbol) ?? book.positions().find((p) => p.symbol === symbol)?.entryPrice
      ?? book.journal.openEntries().find((e) => e.symbol === symbol && e.price !== null)?.price ?? undefined,
    strategyOf: (intent: OrderIntent) => book.strategyOf(intent.sessionId),
  });
}
