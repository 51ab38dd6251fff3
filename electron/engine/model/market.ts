// A market's trading rules (from ccxt's market precision and limits) and rounding that never lets float noise decide.

export interface MarketRules {
  symbol: string;
  /** Smallest price increment (ccxt `precision.price` in TICK_SIZE mode). */
  priceStep: number;
  /** Smallest amount increment (ccxt `precision.amount`). */
  amountStep: number;
  minAmount: number;
  minNotional: number;
}

// A run rounds with one or two steps thousands of times: the last answer is kept, saving two string splits a call.
let lastStep = Number.NaN;
let lastDecimals = 0;

/** Decimal places of a step like 0.001 → 3 (steps from exchanges are powers of ten or simple decimals). */
export function stepDecimals(step: number): number {
  if (step === lastStep) return lastDecimals;
  lastDecimals = countDecimals(step);
  lastStep = step;
  return lastDecimals;
}

function countDecimals(step: number): number {
  if (!(step > 0)) return 0;
  const text = step.toExponential();
  const [mantissa, exp] = text.split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exp));
}

/**
 * Floors `value` to a multiple of `step`. The epsilon (a billionth of a step) absorbs binary noise such as
 * 0.3 / 0.1 = 2.9999999999999996, which would otherwise round a whole step away.
 */
export function floorToStep(value: number, step: number): number {
  if (!(step > 0)) return value;
  const units = Math.floor(value / step + 1e-9);
  return Number((units * step).toFixed(stepDecimals(step)));
}

export function roundToStep(value: number, step: number): number {
  if (!(step > 0)) return value;
  return Number((Math.round(value / step) * step).toFixed(stepDecimals(step)));
}

/** Compares two prices or amounts within half a step. */
export function sameWithinStep(a: number, b: number, step: number): boolean {
  return Math.abs(a - b) < step / 2;
}

/** Rules for data with no exchange behind it (CSV imports, tests): no rounding beyond 1e-8. */
export function unrestrictedMarket(symbol: string): MarketRules {
  return { symbol, priceStep: 1e-8, amountStep: 1e-8, minAmount: 0, minNotional: 0 };
}
