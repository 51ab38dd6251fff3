// Summary of a list of numbers where larger is worse (slippage, fee rates): mean, median, 90th percentile, worst.
import type { Distribution } from '../../../shared/drift-contract';

/** Linear interpolation between closest ranks (numpy's default), on sorted values. */
function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

export function distribution(values: readonly number[]): Distribution {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { count: 0, mean: null, median: null, p90: null, worst: null };
  const sorted = [...finite].sort((a, b) => a - b);
  return {
    count: sorted.length,
    mean: sorted.reduce((s, v) => s + v, 0) / sorted.length,
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    worst: sorted[sorted.length - 1],
  };
}
