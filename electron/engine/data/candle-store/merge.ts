// Merges two time-sorted column sets by time: the newer side wins on equal times, and every bar is counted.
import { allocateSeries, type CandleSeries } from '../../model/candle-series';
import type { WriteCounts } from './types';
import { concatSeries, sliceOf } from './columns';

export interface Merged extends WriteCounts {
  series: CandleSeries;
}

/** Equal as stored values; NaN equals NaN so a re-import of the same bytes never counts as a change. */
function same(a: number, b: number): boolean {
  return a === b ? (a !== 0 || 1 / a === 1 / b) : (a !== a && b !== b);
}

function sameBar(a: CandleSeries, i: number, b: CandleSeries, j: number): boolean {
  return same(a.open[i], b.open[j]) && same(a.high[i], b.high[j]) && same(a.low[i], b.low[j])
    && same(a.close[i], b.close[j]) && same(a.volume[i], b.volume[j]);
}

export function mergeByTime(older: CandleSeries, newer: CandleSeries): Merged {
  const n = older.length;
  const m = newer.length;
  if (n === 0) return { series: newer, inserted: m, replaced: 0, unchanged: 0 };
  if (m === 0) return { series: older, inserted: 0, replaced: 0, unchanged: 0 };
  // Disjoint ranges (the common append/prepend case) need no per-bar walk.
  if (newer.time[0] > older.time[n - 1]) return { series: concatSeries([older, newer]), inserted: m, replaced: 0, unchanged: 0 };
  if (newer.time[m - 1] < older.time[0]) return { series: concatSeries([newer, older]), inserted: m, replaced: 0, unchanged: 0 };
  return interleave(older, newer);
}

function interleave(a: CandleSeries, b: CandleSeries): Merged {
  const out = allocateSeries(a.length + b.length);
  let i = 0, j = 0, k = 0, inserted = 0, replaced = 0, unchanged = 0;
  while (i < a.length || j < b.length) {
    const ta = i < a.length ? a.time[i] : Infinity;
    const tb = j < b.length ? b.time[j] : Infinity;
    if (ta < tb) {
      put(out, k++, a, i++);
    } else {
      if (ta === tb) {
        if (sameBar(a, i, b, j)) unchanged++;
        else replaced++;
        i++;
      } else {
        inserted++;
      }
      put(out, k++, b, j++);
    }
  }
  return { series: sliceOf(out, k), inserted, replaced, unchanged };
}

function put(out: CandleSeries, k: number, s: CandleSeries, i: number): void {
  out.time[k] = s.time[i];
  out.open[k] = s.open[i];
  out.high[k] = s.high[i];
  out.low[k] = s.low[i];
  out.close[k] = s.close[i];
  out.volume[k] = s.volume[i];
}
