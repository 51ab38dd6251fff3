// Binary search on a sorted time column (bar times, decision times, candle blocks): the one place the engine does it.

/** First index in [lo, hi) whose time is at or after `t` (hi if none). */
export function firstAtOrAfter(time: ArrayLike<number>, t: number, lo = 0, hi = time.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of exactly `t`, or -1. */
export function indexOfTime(time: ArrayLike<number>, t: number): number {
  const i = firstAtOrAfter(time, t);
  return i < time.length && time[i] === t ? i : -1;
}
