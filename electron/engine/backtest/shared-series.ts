// Candle series in SharedArrayBuffers: copied once, then read by every sweep worker without another copy.
import type { CandleSeries } from '../model/candle-series';

const FIELDS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

export type SharedSeries = { length: number } & Record<(typeof FIELDS)[number], SharedArrayBuffer>;

export function shareSeries(series: CandleSeries): SharedSeries {
  const out = { length: series.length } as SharedSeries;
  for (const f of FIELDS) {
    const buf = new SharedArrayBuffer(series.length * Float64Array.BYTES_PER_ELEMENT);
    new Float64Array(buf).set(series[f]);
    out[f] = buf;
  }
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
