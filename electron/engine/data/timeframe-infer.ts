// Guesses a series' timeframe from the most common spacing between its bar times.
import { TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from '../../../shared/domain';

/** The Timeframe whose bar length is `ms` (to the nearest second), if any. */
export function timeframeFromMs(ms: number): Timeframe | undefined {
  const DAY = 86_400_000;
  if (ms >= 28 * DAY && ms <= 31 * DAY) return '1M'; // calendar months vary in length
  const rounded = Math.round(ms / 1000) * 1000;
  return TIMEFRAMES.find((tf) => TIMEFRAME_MS[tf] === rounded);
}

/**
 * Most common spacing among the first `limit` bars, mapped to a Timeframe. Spacings are rounded to
 * the second so a few ms of jitter still vote together; spacings of 28–31 days read as monthly (1M).
 */
export function inferTimeframe(time: ArrayLike<number>, length = time.length, limit = 10_000): Timeframe | undefined {
  const counts = new Map<number, number>();
  const n = Math.min(length, limit);
  for (let i = 1; i < n; i++) {
    const d = Math.round((time[i] - time[i - 1]) / 1000) * 1000;
    if (d > 0) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [d, c] of counts) {
    if (c > bestCount || (c === bestCount && d < best)) [best, bestCount] = [d, c];
  }
  return bestCount > 0 ? timeframeFromMs(best) : undefined;
}
