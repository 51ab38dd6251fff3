// A stored instrument's precision and minimums as MarketRules, so a backtest on a stored dataset sizes as the venue would.
import type { Database } from 'better-sqlite3';
import { unrestrictedMarket, type MarketRules } from '../model/market';

interface Row {
  price_step: number | null;
  amount_step: number | null;
  min_amount: number | null;
  min_notional: number | null;
}

/** Undefined when the instrument or all of its precision is unknown; a missing field keeps the default (1e-8 steps, no minimum). */
export function storedMarketRules(db: Database, exchange: string, symbol: string): MarketRules | undefined {
  const row = db
    .prepare('SELECT price_step, amount_step, min_amount, min_notional FROM instruments WHERE exchange = ? AND symbol = ?')
    .get(exchange, symbol) as Row | undefined;
  if (!row || Object.values(row).every((v) => v === null)) return undefined;
  const base = unrestrictedMarket(symbol);
  return {
    symbol,
    priceStep: row.price_step ?? base.priceStep,
    amountStep: row.amount_step ?? base.amountStep,
    minAmount: row.min_amount ?? base.minAmount,
    minNotional: row.min_notional ?? base.minNotional,
  };
}
