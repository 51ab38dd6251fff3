// Which bars of [from, to] a stored series lacks: the head, the tail and every interior gap — what a download must fetch.
import type { Timeframe } from '../../../../shared/domain';
import { TIMEFRAME_MS } from '../../../../shared/domain';

export interface TimeRange {
  /** First missing bar's open time (ms). */
  from: number;
  /** Last missing bar's open time (ms), inclusive. */
  to: number;
}

/** `stored` are the open times already present within [from, to], ascending. */
export function missingRanges(stored: Float64Array, from: number, to: number, timeframe: Timeframe): TimeRange[] {
  const step = TIMEFRAME_MS[timeframe];
  const first = Math.ceil(from / step) * step;
  const last = Math.floor(to / step) * step;
  if (last < first) return [];
  const out: TimeRange[] = [];
  let expected = first;
  for (let i = 0; i < stored.length; i++) {
    const t = stored[i];
    if (t < first || t > last) continue;
    if (t > expected) out.push({ from: expected, to: t - step });
    expected = t + step;
  }
  if (expected <= last) out.push({ from: expected, to: last });
  return out;
}

export function barsIn(range: TimeRange, timeframe: Timeframe): number {
  return Math.floor((range.to - range.from) / TIMEFRAME_MS[timeframe]) + 1;
}
