// The simulated venue's settings (cash, commission, slippage, market rules) and their parsing from CLI-style text.
import { ConfigError } from '../../errors';
import { unrestrictedMarket, type MarketRules } from '../../model/market';

/** Adverse price slippage on taker fills (market and stop-market orders); limit orders fill at their price. */
export type SlippageModel =
  | { kind: 'none' }
  /** A fixed number of basis points of the fill price. */
  | { kind: 'bps'; bps: number }
  /** A fraction of the fill bar's high − low range. */
  | { kind: 'range'; fraction: number };

export interface SimBrokerOptions {
  /** Starting cash in the quote currency. */
  cash: number;
  currency?: string;
  /** Fee as a fraction of the fill's notional, charged on every fill (0.001 = 0.1 %). */
  commission?: number;
  slippage?: SlippageModel;
  /**
   * A fraction of price added against the trader to fills that open or add to a position (a buy pays price·(1+s), a
   * sell short gets price·(1−s)); fills that reduce a position get the plain price. backtesting.py's `spread=`, which
   * was its `commission=` before 0.6. Default 0.
   */
  spread?: number;
  /** Rules per symbol; symbols without rules trade unrestricted (steps of 1e-8). */
  markets?: readonly MarketRules[];
  /** Spot venues cannot go short: a sell beyond the long is trimmed to it. Default true. */
  allowShort?: boolean;
}

export interface ResolvedSimOptions {
  cash: number;
  currency: string;
  commission: number;
  slippage: SlippageModel;
  spread: number;
  markets: Map<string, MarketRules>;
  allowShort: boolean;
}

function nonNegative(field: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new ConfigError(`${field} must be a finite number >= 0, got ${String(value)}`, 'CONFIG_INVALID', { field, value });
  }
  return value;
}

export function resolveSimOptions(o: SimBrokerOptions): ResolvedSimOptions {
  if (!Number.isFinite(o.cash) || o.cash <= 0) {
    throw new ConfigError(`cash must be a finite number > 0, got ${String(o.cash)}`, 'CONFIG_INVALID', { field: 'cash', value: o.cash });
  }
  const slippage = o.slippage ?? { kind: 'none' };
  if (slippage.kind === 'bps') nonNegative('slippage bps', slippage.bps);
  if (slippage.kind === 'range') nonNegative('slippage range fraction', slippage.fraction);
  return {
    cash: o.cash,
    currency: o.currency ?? 'USDT',
    commission: nonNegative('commission', o.commission ?? 0),
    slippage,
    spread: nonNegative('spread', o.spread ?? 0),
    markets: new Map((o.markets ?? []).map((m) => [m.symbol, m])),
    allowShort: o.allowShort ?? true,
  };
}

export function marketFor(options: ResolvedSimOptions, symbol: string): MarketRules {
  let rules = options.markets.get(symbol);
  if (!rules) {
    rules = unrestrictedMarket(symbol);
    options.markets.set(symbol, rules);
  }
  return rules;
}

/**
 * Reads a slippage setting: a model, a number of bps, or text — '0' / 'none', '5bps' / 'bps:5', 'range:0.1'.
 */
export function parseSlippage(value: SlippageModel | number | string | undefined): SlippageModel {
  if (value === undefined) return { kind: 'none' };
  if (typeof value === 'object') return value;
  if (typeof value === 'number') return value === 0 ? { kind: 'none' } : { kind: 'bps', bps: nonNegative('slippage', value) };
  const text = value.trim().toLowerCase();
  if (text === 'none' || text === '0') return { kind: 'none' };
  const bps = /^(?:bps:)?([0-9.]+)(?:bps)?$/.exec(text);
  if (bps) return { kind: 'bps', bps: nonNegative('slippage', Number(bps[1])) };
  const range = /^range:([0-9.]+)$/.exec(text);
  if (range) return { kind: 'range', fraction: nonNegative('slippage', Number(range[1])) };
  throw new ConfigError(`slippage must be 'none', '<n>bps' or 'range:<fraction>', got '${value}'`, 'CONFIG_INVALID', {
    field: 'slippage',
    value,
  });
}
