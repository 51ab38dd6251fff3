// Closed trades per (symbol, session), as each session's books count them, remembering the fill that opened each
// position and the one that closed it (so a report can show the decisions behind both).
import { Portfolio } from '../trading/portfolio';
import type { TradeRecord } from '../backtest/metrics/types';
import type { ReportFill } from './account-fills';

export interface BookedTrade extends TradeRecord {
  symbol: string;
  sessionId: number | null;
  /** The first fill of the position the trade closed (a position built up over several fills keeps its first). */
  entryFill: ReportFill | undefined;
  exitFill: ReportFill;
}

export interface BookedPosition {
  symbol: string;
  sessionId: number | null;
  size: number;
  entryPrice: number;
  openedAt: number;
  entryFill: ReportFill | undefined;
}

interface Book {
  symbol: string;
  sessionId: number | null;
  portfolio: Portfolio;
  entry: ReportFill | undefined;
}

/** Sessions own what their own fills bought and sold (as attributedPositions): one book per symbol and session. */
export class TradeBook {
  readonly trades: BookedTrade[] = [];
  private readonly books = new Map<string, Book>();

  apply(fill: ReportFill): void {
    const key = `${fill.symbol}|${fill.sessionId ?? ''}`;
    let book = this.books.get(key);
    if (!book) this.books.set(key, (book = { symbol: fill.symbol, sessionId: fill.sessionId, portfolio: new Portfolio(0), entry: undefined }));
    const before = book.portfolio.sizeOf(fill.symbol);
    const closed = book.portfolio.applyFill(fill);
    const all = book.portfolio.trades;
    for (let i = all.length - closed; i < all.length; i++) {
      this.trades.push({ ...all[i], symbol: fill.symbol, sessionId: fill.sessionId, entryFill: book.entry, exitFill: fill });
    }
    const after = book.portfolio.sizeOf(fill.symbol);
    // Opened from flat, or flipped through zero: this fill is the new position's entry.
    if (after === 0) book.entry = undefined;
    else if (before === 0 || Math.sign(before) !== Math.sign(after)) book.entry = fill;
  }

  /** What is open now, per symbol and session. */
  positions(): BookedPosition[] {
    const out: BookedPosition[] = [];
    for (const b of this.books.values()) {
      const p = b.portfolio.position(b.symbol);
      if (p) out.push({ symbol: b.symbol, sessionId: b.sessionId, size: p.size, entryPrice: p.entryPrice, openedAt: p.openedAt, entryFill: b.entry });
    }
    return out;
  }
}
