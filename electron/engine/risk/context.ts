// What the risk check reads beyond PortfolioView (open orders, marks, strategies), and the adapter that builds it.
import type { OrderIntent, Position, Side } from '../model/order';
import type { PortfolioView } from '../trading/risk-gate';

/** A net position as the risk check sees it. */
export interface HeldPosition {
  symbol: string;
  /** Signed base-currency size: > 0 long, < 0 short. */
  size: number;
  strategy?: string;
}

/** An order resting at the venue; `amount` is what is still unfilled. */
export interface PendingOrder {
  symbol: string;
  side: Side;
  amount: number;
  price?: number;
  reduceOnly?: boolean;
  strategy?: string;
}

export interface RiskContext {
  equity(): number;
  positions(): readonly HeldPosition[];
  openOrders(): readonly PendingOrder[];
  /** The price positions in `symbol` are valued at; undefined when nothing is known. */
  markPrice(symbol: string): number | undefined;
  /** Which strategy asks for this order; undefined for manual orders (no per-strategy limit then). */
  strategyOf(intent: OrderIntent): string | undefined;
}

/** Builds the context for one check from the portfolio the trading loop passes to RiskGate.check. */
export type RiskContextProvider = (portfolio: PortfolioView) => RiskContext;

export interface PortfolioContextOptions {
  /** The strategy every position and order of this portfolio belongs to, or a per-intent lookup. */
  strategy?: string | ((intent: OrderIntent) => string | undefined);
  openOrders?: () => readonly PendingOrder[];
  markPrice?: (symbol: string) => number | undefined;
  /** Symbols to look up when the portfolio cannot list its positions itself. */
  symbols?: () => readonly string[];
}

/** What the trading loop's Portfolio offers beyond PortfolioView; read when present. */
interface RichPortfolio {
  openPositions(): Position[];
  /** Portfolio keeps the last marked price even while flat, which is what values a market entry. */
  state(symbol: string): { lastPrice: number };
}

/**
 * Adapts a PortfolioView (and optional extras) into a RiskContext.
 * Marks fall back to the position's last traded price (Portfolio keeps one), then to its entry price.
 */
export function portfolioContext(options: PortfolioContextOptions = {}): RiskContextProvider {
  return (portfolio) => {
    const strategyOf = typeof options.strategy === 'function' ? options.strategy : () => options.strategy as string | undefined;
    const tag = typeof options.strategy === 'string' ? options.strategy : undefined;
    return {
      equity: () => portfolio.equity(),
      positions: () => listPositions(portfolio, options).map((p) => ({ symbol: p.symbol, size: p.size, strategy: tag })),
      openOrders: () => options.openOrders?.() ?? [],
      markPrice: (symbol) => options.markPrice?.(symbol) ?? lastKnownPrice(portfolio, symbol),
      strategyOf,
    };
  };
}

function listPositions(portfolio: PortfolioView, options: PortfolioContextOptions): Position[] {
  const lister = portfolio as Partial<RichPortfolio>;
  if (typeof lister.openPositions === 'function') return lister.openPositions();
  const out: Position[] = [];
  for (const symbol of options.symbols?.() ?? []) {
    const p = portfolio.position(symbol);
    if (p && p.size !== 0) out.push(p);
  }
  return out;
}

function lastKnownPrice(portfolio: PortfolioView, symbol: string): number | undefined {
  const rich = portfolio as Partial<RichPortfolio>;
  const last = typeof rich.state === 'function' ? rich.state(symbol).lastPrice : undefined;
  if (isPrice(last)) return last;
  const entry = portfolio.position(symbol)?.entryPrice;
  return isPrice(entry) ? entry : undefined;
}

function isPrice(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value) && value > 0;
}
