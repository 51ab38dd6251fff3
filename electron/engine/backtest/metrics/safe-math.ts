// Division helpers that encode the two "divide by zero" conventions the statistics use.

/** a / b, but NaN when b is 0 — backtesting.py's `a / (b or np.nan)`, for ratios meaningless without risk. */
export function ratioOrNaN(a: number, b: number): number {
  return b === 0 ? Number.NaN : a / b;
}

/** a / b with IEEE semantics kept for b = 0 (±Infinity), except 0/0 which stays NaN. */
export function ratioOrInfinity(a: number, b: number): number {
  if (b === 0) return a === 0 || Number.isNaN(a) ? Number.NaN : a > 0 ? Infinity : -Infinity;
  return a / b;
}
