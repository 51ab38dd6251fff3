// Exposure measures (symbol, strategy, gross): positions plus pending entries, valued at mark, worst case if all fill.
import type { OrderIntent } from '../model/order';
import type { HeldPosition, PendingOrder, RiskContext } from './context';

export interface ExposureMeasures {
  /** Worst-case notional of the intent's symbol if every pending entry fills. */
  symbol: number;
  /** Notional the intent's strategy holds or has pending (0 when the intent has no strategy). */
  strategy: number;
  /** Gross notional of the portfolio (longs and shorts both add). */
  gross: number;
}

interface SymbolBook {
  size: number;
  buys: number;
  sells: number;
  price: number;
}

/** Below this, a leftover is float noise from step-rounded amounts. */
const DUST = 1e-9;

/**
 * True when the intent can only make the position smaller (an exit): opposite side, and — unless reduce-only —
 * no bigger than what is left of the position after the orders already pending on the same side.
 */
export function shrinksPosition(intent: OrderIntent, size: number, pendingSameSide = 0): boolean {
  if (size === 0 || Math.sign(size) === (intent.side === 'buy' ? 1 : -1)) return false;
  // A reduce-only order is capped by the venue at the position, so it cannot flip.
  if (intent.reduceOnly === true) return true;
  // Several exits that each fit the position could together flip it; they must fit jointly.
  return intent.amount + pendingSameSide <= Math.abs(size) * (1 + DUST);
}

/** Base units pending in `symbol` on `side`; reduce-only ones count too, as they may fill first and use up the position. */
export function pendingOnSide(ctx: RiskContext, symbol: string, side: OrderIntent['side']): number {
  let amount = 0;
  for (const o of ctx.openOrders()) if (o.symbol === symbol && o.side === side) amount += o.amount;
  return amount;
}

/** The net size the context holds in `symbol`. */
export function heldSize(ctx: RiskContext, symbol: string): number {
  let size = 0;
  for (const p of ctx.positions()) if (p.symbol === symbol) size += p.size;
  return size;
}

/** The price an intent is valued at: its own limit or trigger price, else the mark. */
export function intentPrice(intent: OrderIntent, ctx: RiskContext): number | undefined {
  return intent.price ?? intent.stopPrice ?? ctx.markPrice(intent.symbol);
}

/** The intent as the pending order it becomes once sent. */
export function asPending(intent: OrderIntent, strategy: string | undefined, price: number | undefined): PendingOrder {
  return { symbol: intent.symbol, side: intent.side, amount: intent.amount, price, reduceOnly: intent.reduceOnly, strategy };
}

/**
 * Measures exposure with `extra` (the intent under test) counted as pending. A strategy's exposure is the same
 * worst case over only its own positions and orders. A symbol without a mark is valued at the first order price
 * seen for it; with no price at all a measure is NaN and the caller vetoes.
 */
export function measureExposure(ctx: RiskContext, symbol: string, strategy: string | undefined, extra?: PendingOrder): ExposureMeasures {
  const positions = ctx.positions();
  const orders = extra ? [...ctx.openOrders(), extra] : ctx.openOrders();
  const all = bookSymbols(ctx, positions, orders);
  const own = all.get(symbol);
  const mine =
    strategy === undefined
      ? new Map<string, SymbolBook>()
      : bookSymbols(ctx, positions.filter((p) => p.strategy === strategy), orders.filter((o) => o.strategy === strategy));
  return { symbol: own ? worstCase(own) : 0, strategy: sumWorstCase(mine), gross: sumWorstCase(all) };
}

function bookSymbols(ctx: RiskContext, positions: readonly HeldPosition[], orders: readonly PendingOrder[]): Map<string, SymbolBook> {
  const books = new Map<string, SymbolBook>();
  const book = (s: string): SymbolBook => {
    let b = books.get(s);
    if (!b) books.set(s, (b = { size: 0, buys: 0, sells: 0, price: ctx.markPrice(s) ?? Number.NaN }));
    return b;
  };
  for (const p of positions) book(p.symbol).size += p.size;
  for (const o of orders) {
    // Reduce-only orders can only shrink a position, so the worst case ignores them.
    if (o.reduceOnly) continue;
    const b = book(o.symbol);
    if (Number.isNaN(b.price) && o.price !== undefined) b.price = o.price;
    if (o.side === 'buy') b.buys += o.amount;
    else b.sells += o.amount;
  }
  return books;
}

function sumWorstCase(books: Map<string, SymbolBook>): number {
  let total = 0;
  for (const b of books.values()) total += worstCase(b);
  return total;
}

/**
 * Units held if every pending buy (or every pending sell) fills. Exits always pass and may close the position
 * first, so pending entries are also counted on their own, without the netting against it.
 */
function worstCase(b: SymbolBook): number {
  const units = Math.max(Math.abs(b.size + b.buys), Math.abs(b.size - b.sells), b.buys, b.sells);
  return units === 0 ? 0 : units * b.price;
}
