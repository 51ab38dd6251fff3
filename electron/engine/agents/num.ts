// Small numeric helpers for votes: clamping to the vote range and cheap reason-string formatting.

/** Clamps to [-1, 1]; NaN stays NaN so warm-up is still visible to the caller. */
export function clampUnit(x: number): number {
  return x > 1 ? 1 : x < -1 ? -1 : x;
}

/** Clamps to [0, 1]. */
export function clamp01(x: number): number {
  return x > 1 ? 1 : x < 0 ? 0 : x;
}

/** x / scale clamped to [-1, 1], or 0 when the scale is not positive (a flat market has no yardstick). */
export function scaled(x: number, scale: number): number {
  return scale > 0 ? clampUnit(x / scale) : 0;
}

const SCALE = [1, 10, 100, 1000];
const PAD = ['', '0', '00'];

/**
 * x with `digits` (0..3) decimals, like toFixed but ~2.5× faster: reasons are formatted on every bar of every
 * backtest, and toFixed was the panel's main cost. Huge or non-finite values fall back to toFixed; -0.00 prints as 0.00.
 */
export function fixed(x: number, digits: 0 | 1 | 2 | 3 = 2): string {
  if (!(x < 1e15 && x > -1e15)) return x.toFixed(digits);
  const scale = SCALE[digits];
  const neg = x < 0;
  const n = Math.round((neg ? -x : x) * scale);
  const sign = neg && n !== 0 ? '-' : '';
  if (digits === 0) return sign + n;
  const whole = Math.floor(n / scale);
  const frac = n - whole * scale;
  const pad = frac < 10 ? PAD[digits - 1] : frac < 100 && digits === 3 ? '0' : '';
  return `${sign}${whole}.${pad}${frac}`;
}

/** Fixed decimals with an explicit sign, e.g. "+0.68". */
export function signed(x: number, digits: 0 | 1 | 2 | 3 = 2): string {
  const text = fixed(x, digits);
  return text.charCodeAt(0) === 45 ? text : `+${text}`;
}

/** " × 0.25)": the constant tail of a factor term, built once per agent rather than on every bar. */
export function weightTail(weight: number): string {
  return ` × ${fixed(weight)})`;
}

/** "(+0.68 × 0.25)": a factor's score and its weight, given the weight's prebuilt tail. */
export function term(score: number, tail: string): string {
  return `(${signed(score)}${tail}`;
}

/** True when every argument is a finite number: the agents' warm-up test. */
export function allFinite(a: number, b: number, c = 0, d = 0, e = 0, f = 0): boolean {
  return Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c) && Number.isFinite(d) &&
    Number.isFinite(e) && Number.isFinite(f);
}
