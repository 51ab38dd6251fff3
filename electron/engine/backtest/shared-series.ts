// Candle series in SharedArrayBuffers: copied once, then read by every sweep worker without another copy.
// Posting a SharedArrayBuffer hands the worker the same memory; a plain ArrayBuffer would be cloned per worker.
import type { CandleSeries } from '../model/candle-series';

const FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

export type SharedSeries = { length: number } & Record<(typeof FIELDS)[number], SharedArrayBuffer>;

/** A column already shared in full (e.g. a series made by seriesFromShared) is reused, not copied again. */
function sharedColumn(column: Float64Array, length: number): SharedArrayBuffer {
  const buf = column.buffer;
  if (buf instanceof SharedArrayBuffer && column.byteOffset === 0 && column.length === length && buf.byteLength === column.byteLength) return buf;
  const copy = new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT);
  new Float64Array(copy).set(column.subarray(0, length));
  return copy;
}

export function shareSeries(series: CandleSeries): SharedSeries {
  const out = { length: series.length } as SharedSeries;
  for (const f of FIELDS) out[f] = sharedColumn(series[f], series.length);
  return out;
}

/** Float64Array views over the shared buffers; nothing is copied. */
export function seriesFromShared(shared: SharedSeries): CandleSeries {
  return {
    length: shared.length,
    time: new Float64Array(shared.time),
    open: new Float64Array(shared.open),
    high: new Float64Array(shared.high),
    low: new Float64Array(shared.low),
    close: new Float64Array(shared.close),
    volume: new Float64Array(shared.volume),
  };
}
