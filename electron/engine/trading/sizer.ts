// How many units an entry buys or sells (all cash in whole units, all cash, a fixed quantity, a share of equity), and why a size came out 0.
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

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 8 });
const tiny = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });

/** 46000 → "46,000"; amounts below 1 keep 6 significant digits, so a tiny size never prints as "0". */
function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Math.abs(x) >= 1 || x === 0 ? whole.format(x) : tiny.format(x);
}

/** What the sizer may spend, named as the trader knows it: cash (or equity when lower) for a long, equity for a short. */
function moneyLabel(ctx: SizingContext): [string, number] {
  if (ctx.side === 'sell' || ctx.equity < ctx.cash) return ['equity', ctx.equity];
  return ['cash', ctx.cash];
}

function priceText(ctx: SizingContext): string {
  if (!(ctx.feeRate > 0)) return num(ctx.price);
  return `${num(ctx.price)} (${num(unitCost(ctx))} with the ${num(ctx.feeRate * 100)}% fee)`;
}

function belowMinimum(head: string, amount: number, ctx: SizingContext): string {
  const { minAmount, minNotional } = ctx.rules;
  const [label, available] = moneyLabel(ctx);
  const at = `at price ${priceText(ctx)} with ${label} ${num(available)}`;
  if (amount < minAmount) return `${head} ${num(amount)} units < the market's min amount ${num(minAmount)} ${at}`;
  const notional = amount * ctx.price;
  if (notional < minNotional) return `${head} ${num(amount)} units = ${num(notional)} notional < the market's min notional ${num(minNotional)} ${at}`;
  return `${head} ${num(amount)} units ${at}, a tradable size`;
}

/**
 * Why `sizer` gives no tradable size in `ctx` (0 units, or less than the market's min amount or min notional),
 * with the numbers: "sizing all-in-units gives 0 units: price 46,000 > cash 10,000".
 */
export function explainZeroSize(sizer: Sizer, ctx: SizingContext): string {
  const head = `sizing ${sizer.name} gives`;
  if (!(ctx.price > 0) || !Number.isFinite(ctx.price)) return `${head} 0 units: no usable price (${num(ctx.price)})`;
  const amount = sizer.size(ctx);
  if (amount > 0) return belowMinimum(head, amount, ctx);
  const [label, available] = moneyLabel(ctx);
  if (!(available > 0)) return `${head} 0 units: ${label} ${num(available)}, nothing to spend`;
  const step = ctx.rules.amountStep;
  const [kind, arg] = sizer.name.split(':');
  if (kind === 'all-in-units') {
    return `${head} 0 units: price ${priceText(ctx)} ${unitCost(ctx) > available ? '>' : '≥'} ${label} ${num(available)}`;
  }
  if (kind === 'fixed') return `${head} 0 units: ${arg} rounds to 0 at the market's amount step ${num(step)}`;
  if (kind === 'all-in' || kind === 'fraction') {
    const share = kind === 'fraction' ? ctx.equity * Number(arg) : Infinity;
    const budget = Math.min(share, available);
    const spend = budget < available ? `${arg} × equity ${num(ctx.equity)} = ${num(budget)}` : `${label} ${num(available)}`;
    return `${head} 0 units: ${spend} buys ${num(budget / unitCost(ctx))} at price ${priceText(ctx)} < the market's amount step ${num(step)}`;
  }
  const { minAmount, minNotional } = ctx.rules;
  return `${head} 0 units at price ${priceText(ctx)} with cash ${num(ctx.cash)}, equity ${num(ctx.equity)} (amount step ${num(step)}, min amount ${num(minAmount)}, min notional ${num(minNotional)})`;
}

/** Undefined when `amount` (what `sizer` gave in `ctx`) can be sent; otherwise why the entry is skipped. */
export function entrySkipReason(sizer: Sizer, ctx: SizingContext, amount: number): string | undefined {
  const { minAmount, minNotional } = ctx.rules;
  if (amount > 0 && amount >= minAmount && amount * ctx.price >= minNotional) return undefined;
  return explainZeroSize(sizer, ctx);
}
