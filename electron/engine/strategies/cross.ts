// "Crosses": strictly on one side on the previous bar and strictly on the other on this one; NaN never crosses.

/** +1 if `a` crossed above `b` at bar i, −1 if it crossed below, 0 otherwise (including warm-up NaNs and touches). */
export function crossAt(a: Float64Array, b: Float64Array, i: number): number {
  if (i < 1) return 0;
  const a0 = a[i - 1];
  const b0 = b[i - 1];
  const a1 = a[i];
  const b1 = b[i];
  // Comparisons with NaN are false, so warm-up bars fall through to 0 without a separate check.
  if (a0 < b0 && a1 > b1) return 1;
  if (a0 > b0 && a1 < b1) return -1;
  return 0;
}

/** +1 if `a` crossed above the constant `level` at bar i, −1 if below, 0 otherwise. */
export function crossLevelAt(a: Float64Array, level: number, i: number): number {
  if (i < 1) return 0;
  const a0 = a[i - 1];
  const a1 = a[i];
  if (a0 < level && a1 > level) return 1;
  if (a0 > level && a1 < level) return -1;
  return 0;
}
