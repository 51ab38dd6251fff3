// What the journal's fills add up to: net positions per symbol and balance changes per asset, fees included.
import type { Fill, Position, Side } from '../../model/order';
import { Portfolio } from '../../trading/portfolio';
import type { JournalFill, JournalFillRow } from './types';

/** Sizes this close to zero are float noise from summing step-sized amounts. */
const DUST = 1e-10;

export function splitSymbol(symbol: string): { base: string; quote: string } {
  const [pair] = symbol.split(':');
  const [base, quote] = pair.split('/');
  return { base, quote: quote ?? '' };
}

/** Fee converted to the quote currency (Binance charges a buy's fee in the base asset). */
export function feeInQuote(fill: JournalFillRow): number {
  const { base } = splitSymbol(fill.symbol);
  return fill.feeCurrency === base ? fill.fee * fill.price : fill.fee;
}

/** How much each asset changed through the journal's fills: what a wallet should show relative to its start. */
export function balanceDeltas(fills: readonly JournalFillRow[]): Map<string, number> {
  const deltas = new Map<string, number>();
  const add = (asset: string, value: number): void => {
    deltas.set(asset, (deltas.get(asset) ?? 0) + value);
  };
  for (const f of fills) {
    const { base, quote } = splitSymbol(f.symbol);
    const sign = f.side === 'buy' ? 1 : -1;
    add(base, sign * f.amount);
    add(quote, -sign * f.amount * f.price);
    if (f.feeCurrency && f.fee !== 0) add(f.feeCurrency, -f.fee);
  }
  return deltas;
}

/**
 * Net positions opened through the journal (spot: base bought minus sold, minus fees paid in base), so a flatten
 * sells exactly what the app holds and never the trader's other coins. Entry price and time follow the portfolio's
 * bookkeeping.
 */
export function journalPositions(fills: readonly JournalFillRow[], symbols?: readonly string[]): Position[] {
  const portfolio = new Portfolio(0);
  const sizes = new Map<string, number>();
  for (const f of fills) {
    if (symbols && !symbols.includes(f.symbol)) continue;
    const { base } = splitSymbol(f.symbol);
    const baseFee = f.feeCurrency === base ? f.fee : 0;
    const signed = (f.side === 'buy' ? f.amount : -f.amount) - baseFee;
    sizes.set(f.symbol, (sizes.get(f.symbol) ?? 0) + signed);
    portfolio.applyFill({ ...f, orderId: f.exchangeOrderId ?? '', fee: feeInQuote(f) });
  }
  const out: Position[] = [];
  for (const [symbol, size] of sizes) {
    if (Math.abs(size) <= DUST) continue;
    const p = portfolio.position(symbol);
    out.push({ symbol, size, entryPrice: p?.entryPrice ?? 0, openedAt: p?.openedAt ?? 0 });
  }
  return out;
}

/**
 * A journal fill as the loop's Fill (fee always in the quote currency). A fee charged in the base asset changes how
 * much base moved: a buy receives amount − fee, a sell gives up amount + fee; the loop's books must hold what the
 * wallet holds, or a later exit would try to sell coins that are not there.
 */
export function netFill(symbol: string, side: Side, f: JournalFill, ids: { orderId: string; clientOrderId: string }): Fill {
  const { base } = splitSymbol(symbol);
  const baseFee = f.feeCurrency === base ? f.fee : 0;
  return {
    ...ids,
    symbol,
    side,
    time: f.time,
    price: f.price,
    amount: side === 'buy' ? f.amount - baseFee : f.amount + baseFee,
    fee: baseFee > 0 ? baseFee * f.price : f.fee,
  };
}

export function netFillOfRow(r: JournalFillRow): Fill {
  return netFill(r.symbol, r.side, r, { orderId: r.exchangeOrderId ?? '', clientOrderId: r.clientOrderId });
}

/** A position and the session it belongs to (null: orders no session placed, e.g. from before sessions). */
export interface AttributedPosition extends Position {
  sessionId: number | null;
}

/**
 * Net positions per (symbol, session): under netting each session owns what its own fills bought and sold, so a
 * restart hands every session back its position and a flatten closes each owner's part under its own name.
 */
export function attributedPositions(fills: readonly JournalFillRow[], symbols?: readonly string[]): AttributedPosition[] {
  const books = new Map<string, { sessionId: number | null; portfolio: Portfolio; symbol: string }>();
  for (const f of fills) {
    if (symbols && !symbols.includes(f.symbol)) continue;
    const key = `${f.symbol}|${f.sessionId ?? ''}`;
    let book = books.get(key);
    if (!book) books.set(key, (book = { sessionId: f.sessionId, portfolio: new Portfolio(0), symbol: f.symbol }));
    book.portfolio.applyFill(netFillOfRow(f));
  }
  const out: AttributedPosition[] = [];
  for (const { sessionId, portfolio, symbol } of books.values()) {
    const p = portfolio.position(symbol);
    if (p && Math.abs(p.size) > DUST) out.push({ symbol, size: p.size, entryPrice: p.entryPrice, openedAt: p.openedAt, sessionId });
  }
  return out;
}
