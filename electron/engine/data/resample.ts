// Aggregates a candle series into a larger timeframe in one pass over the typed arrays.
import { TIMEFRAME_MS, type Timeframe } from '../../../shared/domain';
import { coarserTimeframes } from '../../../shared/resolution';
import { DataError } from '../errors';
import { allocateSeries, sliceSeries, type CandleSeries } from '../model/candle-series';
import { COLUMNS } from './candle-store/columns';

/**
 * Buckets are aligned to UTC epoch boundaries (floor(time / tfMs) * tfMs; 1w therefore starts on the
 * epoch's Thursday). Partial buckets at either edge — or around gaps — are kept as bars, because
 * dropping them would silently lose data; callers that need only complete bars can compare the
 * source bar count per bucket. Buckets with no source bar produce no output bar.
 */
export function resample(series: CandleSeries, from: Timeframe, to: Timeframe): CandleSeries {
  checkResample(from, to);
  const toMs = TIMEFRAME_MS[to];
  const n = series.length;
  // Buckets the span can touch (both edges partial): 1m → 1d of five years allocates 1,828 bars, not 2.6 M.
  const bars = new BarAggregator(toMs, n === 0 ? 1 : Math.min(n, Math.floor((series.time[n - 1] - series.time[0]) / toMs) + 2));
  bars.add(series);
  return bars.result();
}

export function checkResample(from: Timeframe, to: Timeframe): void {
  if (to === '1M' || from === '1M') {
    throw new DataError(`cannot resample ${from} into ${to}: calendar months are not fixed-length buckets`, 'DATA_BAD_RESAMPLE', { field: 'timeframe', value: to });
  }
  // The chart's resolutions follow the same rule (shared/resolution.ts).
  if (!coarserTimeframes(from).includes(to)) {
    throw new DataError(`cannot resample ${from} into ${to}: target must be a whole multiple`, 'DATA_BAD_RESAMPLE', { field: 'timeframe', value: to });
  }
}

/**
 * Aggregates time-ordered pieces of a series into `toMs` buckets as they come (the candle store hands over one stored
 * block at a time), so years of 1m bars become a few thousand bars without ever being one series in memory.
 */
export class BarAggregator {
  private out: CandleSeries;
  private k = -1;
  private bucket = NaN;

  constructor(private readonly toMs: number, capacity = 1_024) {
    this.out = allocateSeries(Math.max(1, capacity));
  }

  add(piece: CandleSeries): void {
    const { time, open, high, low, close, volume } = piece;
    const toMs = this.toMs;
    let out = this.out;
    let k = this.k;
    for (let i = 0; i < piece.length; i++) {
      const b = Math.floor(time[i] / toMs) * toMs;
      if (b !== this.bucket) {
        this.bucket = b;
        if (++k === out.length) out = this.grow();
        out.time[k] = b;
        out.open[k] = open[i];
        out.high[k] = high[i];
        out.low[k] = low[i];
        out.volume[k] = 0;
      } else {
        if (high[i] > out.high[k]) out.high[k] = high[i];
        if (low[i] < out.low[k]) out.low[k] = low[i];
      }
      out.close[k] = close[i];
      out.volume[k] += volume[i];
    }
    this.k = k;
  }

  result(): CandleSeries {
    return compact(this.out, this.k + 1);
  }

  private grow(): CandleSeries {
    const bigger = allocateSeries(this.out.length * 2);
    for (const c of COLUMNS) bigger[c].set(this.out[c]);
    return (this.out = bigger);
  }
}

/** Copies into right-sized arrays so a 1m→1d result does not pin the source-sized buffers. */
function compact(s: CandleSeries, length: number): CandleSeries {
  const v = sliceSeries(s, 0, length);
  return { length, time: v.time.slice(), open: v.open.slice(), high: v.high.slice(), low: v.low.slice(), close: v.close.slice(), volume: v.volume.slice() };
}

/** How many source bars fell into each output bar (lets callers drop incomplete edge buckets). */
export function bucketCounts(series: CandleSeries, to: Timeframe): { time: Float64Array; count: Uint32Array } {
  const toMs = TIMEFRAME_MS[to];
  const time = new Float64Array(series.length);
  const count = new Uint32Array(series.length);
  let k = -1;
  for (let i = 0; i < series.length; i++) {
    const b = Math.floor(series.time[i] / toMs) * toMs;
    if (k < 0 || time[k] !== b) time[++k] = b;
    count[k]++;
  }
  return { time: time.subarray(0, k + 1), count: count.subarray(0, k + 1) };
}
