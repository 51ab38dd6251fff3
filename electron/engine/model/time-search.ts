// Binary search on a sorted time column (bar times, decision times): the one place the engine does it.

/** First index whose time is at or after `t` (time.length if none). */
export function firstAtOrAfter(time: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = time.length;
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
