// Aggregates a candle series into a larger timeframe in one pass over the typed arrays.
import { TIMEFRAME_MS, type Timeframe } from '../../../shared/domain';
import { DataError } from '../errors';
import { allocateSeries, sliceSeries, type CandleSeries } from '../model/candle-series';

/**
 * Buckets are aligned to UTC epoch boundaries (floor(time / tfMs) * tfMs; 1w therefore starts on the
 * epoch's Thursday). Partial buckets at either edge — or around gaps — are kept as bars, because
 * dropping them would silently lose data; callers that need only complete bars can compare the
 * source bar count per bucket. Buckets with no source bar produce no output bar.
 */
export function resample(series: CandleSeries, from: Timeframe, to: Timeframe): CandleSeries {
  const fromMs = TIMEFRAME_MS[from];
  const toMs = TIMEFRAME_MS[to];
  if (to === '1M' || from === '1M') {
    throw new DataError(`cannot resample ${from} into ${to}: calendar months are not fixed-length buckets`, 'DATA_BAD_RESAMPLE', { field: 'timeframe', value: to });
  }
  if (toMs < fromMs || toMs % fromMs !== 0) {
    throw new DataError(`cannot resample ${from} into ${to}: target must be a whole multiple`, 'DATA_BAD_RESAMPLE', { field: 'timeframe', value: to });
  }
  const n = series.length;
  const out = allocateSeries(n);
  const { time, open, high, low, close, volume } = series;
  let k = -1;
  let bucket = NaN;
  for (let i = 0; i < n; i++) {
    const b = Math.floor(time[i] / toMs) * toMs;
    if (b !== bucket) {
      bucket = b;
      k++;
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
  return compact(out, k + 1);
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
