// Exact decimal checks for Binance filters (floats cannot tell whether 0.3 is a multiple of 0.1) and output formatting.

const DECIMAL_RE = /^([0-9]{1,20})(?:\.([0-9]{0,20}))?$/;

/** Binance's own legal-range pattern for numeric parameters. */
export function isDecimalString(value: string): boolean {
  return DECIMAL_RE.test(value);
}

/** Significant fractional digits of a decimal string ("0.00100000" → 3). */
export function decimalsOf(value: string): number {
  const fraction = value.split('.')[1] ?? '';
  return fraction.replace(/0+$/, '').length;
}

function toScaled(value: string, decimals: number): bigint | undefined {
  const match = DECIMAL_RE.exec(value.trim());
  if (!match) return undefined;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > decimals) return undefined;
  return BigInt(match[1] + fraction.padEnd(decimals, '0'));
}

/** Whether (value - origin) is an exact multiple of step, the rule of LOT_SIZE and PRICE_FILTER. */
export function isOnGrid(value: string, step: string, origin = '0'): boolean {
  const digits = Math.max(decimalsOf(step), decimalsOf(origin));
  const scaledStep = toScaled(step, digits);
  const scaledOrigin = toScaled(origin, digits);
  const scaledValue = toScaled(value, digits);
  if (scaledStep === undefined || scaledOrigin === undefined || scaledValue === undefined) return false;
  if (scaledStep === 0n) return true;
  return (scaledValue - scaledOrigin) % scaledStep === 0n;
}

/** Rounds away float noise so balances do not drift to 0.30000000000000004. */
export function clean(value: number): number {
  return Math.round(value * 1e12) / 1e12;
}

/** Largest multiple of step not above value; the tiny epsilon keeps 0.3/0.1 from landing on 2.9999. */
export function floorToStep(value: number, step: string): number {
  const digits = decimalsOf(step);
  const scale = 10 ** digits;
  const stepScaled = Math.round(Number(step) * scale);
  if (stepScaled === 0) return value;
  const units = Math.floor((value * scale) / stepScaled + 1e-9);
  return (units * stepScaled) / scale;
}

/** Nearest multiple of step, for prices moved by slippage. */
export function roundToStep(value: number, step: string): number {
  const digits = decimalsOf(step);
  const scale = 10 ** digits;
  const stepScaled = Math.round(Number(step) * scale);
  if (stepScaled === 0) return value;
  return (Math.round((value * scale) / stepScaled) * stepScaled) / scale;
}

/** Binance prints quantities and prices with 8 decimals. */
export function fmt(value: number): string {
  return clean(value).toFixed(8);
}
