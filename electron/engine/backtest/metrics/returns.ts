// One pass over the equity curve collecting the moments of per-bar simple returns.

export interface ReturnMoments {
  /** Number of per-bar returns: bars − 1 (0 when fewer than two bars). */
  count: number;
  /** Arithmetic mean of r_i = equity_i / equity_{i−1} − 1. */
  mean: number;
  /** Sample variance of r_i (ddof = 1, as pandas' default used by backtesting.py); NaN when count < 2. */
  variance: number;
  /** mean(min(r_i, 0)²): the downside semi-variance around 0 used by the Sortino ratio. */
  downsideMeanSquare: number;
  /** Geometric mean per-bar return: (equity_last / equity_0)^(1/count) − 1; −1 after ruin. */
  geometricMean: number;
  /** True when equity ever reaches ≤ 0, where per-bar returns stop being meaningful. */
  ruined: boolean;
}

const EMPTY: ReturnMoments = {
  count: 0,
  mean: Number.NaN,
  variance: Number.NaN,
  downsideMeanSquare: Number.NaN,
  geometricMean: Number.NaN,
  ruined: false,
};

/** Welford's update keeps the variance accurate when returns are tiny compared to their mean. */
export function returnMoments(equity: Float64Array): ReturnMoments {
  const n = equity.length;
  if (n < 2) return { ...EMPTY, ruined: n === 1 && !(equity[0] > 0) };
  let mean = 0;
  let m2 = 0;
  let downSq = 0;
  let ruined = !(equity[0] > 0);
  for (let i = 1; i < n; i++) {
    if (!(equity[i] > 0)) ruined = true;
    const r = equity[i] / equity[i - 1] - 1;
    const delta = r - mean;
    mean += delta / i;
    m2 += delta * (r - mean);
    if (r < 0) downSq += r * r;
  }
  const count = n - 1;
  if (ruined) return { ...EMPTY, count, geometricMean: equity[0] > 0 ? -1 : Number.NaN, ruined };
  return {
    count,
    mean,
    variance: count > 1 ? m2 / (count - 1) : Number.NaN,
    downsideMeanSquare: downSq / count,
    // Closed form of exp(mean(log(1 + r))) − 1: the per-bar factors telescope to last/first.
    geometricMean: Math.pow(equity[n - 1] / equity[0], 1 / count) - 1,
    ruined,
  };
}
