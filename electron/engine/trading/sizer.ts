// How many units an entry buys or sells: all cash in whole units, all cash, a fixed quantity, or a share of equity.
import { ConfigError } from '../errors';
import { floorToStep, roundToStep, type MarketRules } from '../model/market';
import type { Side } from '../model/order';

export interface SizingContext {
  side: Side;
  /** The price the entry is expected to fill at (the current market price). */
  price: number;
  cash: number;
  equity: number;
  /** Commission as a fraction of notional, so an all-in entry leaves room for its own fee. */
  feeRate: number;
  rules: MarketRules;
}

export interface Sizer {
  readonly name: string;
  /** Base units for a new entry, rounded down to the amount step; 0 means "no trade". */
  size(ctx: SizingContext): number;
}

/** backtesting.py sizes with 1 − ε of the money, so an exact fit still leaves the last bit for rounding. */
const FULL = 1 - Number.EPSILON;

/** A long is paid from cash; a short is limited by equity (no leverage). */
function money(ctx: SizingContext): number {
  return Math.max(0, ctx.side === 'buy' ? Math.min(ctx.cash, ctx.equity) : ctx.equity);
}

function unitCost(ctx: SizingContext): number {
  return ctx.price * (1 + ctx.feeRate);
}

/** Whole units bought with all available money, commission included: backtesting.py's default size. */
export const allInUnits: Sizer = {
  name: 'all-in-units',
  size: (ctx) => (ctx.price > 0 ? Math.floor((money(ctx) * FULL) / unitCost(ctx)) : 0),
};

/** All available money, in fractional units down to the market's amount step. */
export const allIn: Sizer = {
  name: 'all-in',
  size: (ctx) => (ctx.price > 0 ? floorToStep((money(ctx) * FULL) / unitCost(ctx), ctx.rules.amountStep) : 0),
};

export function fixedSize(quantity: number): Sizer {
  return { name: `fixed:${quantity}`, size: (ctx) => roundToStep(quantity, ctx.rules.amountStep) };
}

/** A share of equity (0 < f ≤ 1) per entry, capped by the money available. */
export function fractionOfEquity(fraction: number): Sizer {
  return {
    name: `fraction:${fraction}`,
    size: (ctx) => {
      if (!(ctx.price > 0)) return 0;
      const budget = Math.min(ctx.equity * fraction, money(ctx));
      return floorToStep((budget * FULL) / unitCost(ctx), ctx.rules.amountStep);
    },
  };
}

function bad(spec: string): ConfigError {
  return new ConfigError(
    `sizing must be 'all-in-units', 'all-in', 'fixed:<qty>' or 'fraction:<0..1>', got '${spec}'`,
    'CONFIG_INVALID',
    { field: 'sizing', value: spec },
  );
}

/** Reads a sizing spec such as 'fixed:0.5' or 'fraction:0.25'. */
export function parseSizing(spec: string | Sizer): Sizer {
  if (typeof spec !== 'string') return spec;
  if (spec === 'all-in-units') return allInUnits;
  if (spec === 'all-in') return allIn;
  const [kind, raw, ...rest] = spec.split(':');
  const value = Number(raw);
  if (rest.length > 0 || raw === undefined || raw.trim() === '' || !Number.isFinite(value) || value <= 0) throw bad(spec);
  if (kind === 'fixed') return fixedSize(value);
  if (kind === 'fraction' && value <= 1) return fractionOfEquity(value);
  throw bad(spec);
}
