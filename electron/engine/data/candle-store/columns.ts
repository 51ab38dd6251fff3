// Small column helpers over CandleSeries: copying slices, concatenation.
import { allocateSeries, type CandleSeries } from '../../model/candle-series';

export const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/** An owned copy of bars [from, to): callers' batches may be reused buffers. */
export function copyRange(s: CandleSeries, from: number, to: number): CandleSeries {
  const out = allocateSeries(to - from);
  for (const c of COLUMNS) out[c].set(s[c].subarray(from, to));
  return out;
}

export function concatSeries(parts: readonly CandleSeries[]): CandleSeries {
  if (parts.length === 1) return parts[0];
  const out = allocateSeries(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    for (const c of COLUMNS) out[c].set(p[c].subarray(0, p.length), at);
    at += p.length;
  }
  return out;
}

/** Times strictly increasing and finite; the block math and the merge both depend on it. */
export function firstOrderViolation(s: CandleSeries): number {
  const t = s.time;
  if (s.length > 0 && !Number.isFinite(t[0])) return 0;
  for (let i = 1; i < s.length; i++) {
    if (!(t[i] > t[i - 1]) || !Number.isFinite(t[i])) return i;
  }
  return -1;
}

/** The first n bars as views (no copy). */
export function sliceOf(s: CandleSeries, n: number): CandleSeries {
  if (n === s.length) return s;
  return {
    length: n,
    time: s.time.subarray(0, n),
    open: s.open.subarray(0, n),
    high: s.high.subarray(0, n),
    low: s.low.subarray(0, n),
    close: s.close.subarray(0, n),
    volume: s.volume.subarray(0, n),
  };
}
