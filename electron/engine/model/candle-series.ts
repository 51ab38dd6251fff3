// Columnar candles: one Float64Array per field, the form every hot path (indicators, backtests) works on.
import type { Candle } from '../../../shared/domain';

export interface CandleSeries {
  readonly length: number;
  /** Bar open time, ms since the UTC epoch, strictly increasing. */
  readonly time: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

export function allocateSeries(length: number): CandleSeries {
  return {
    length,
    time: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
  };
}

export function seriesFromCandles(candles: readonly Candle[]): CandleSeries {
  const s = allocateSeries(candles.length);
  candles.forEach((c, i) => {
    s.time[i] = c.time;
    s.open[i] = c.open;
    s.high[i] = c.high;
    s.low[i] = c.low;
    s.close[i] = c.close;
    s.volume[i] = c.volume;
  });
  return s;
}

export function candleAt(s: CandleSeries, i: number): Candle {
  return { time: s.time[i], open: s.open[i], high: s.high[i], low: s.low[i], close: s.close[i], volume: s.volume[i] };
}

/** A view of bars [from, to) sharing memory with the source. */
export function sliceSeries(s: CandleSeries, from: number, to: number): CandleSeries {
  return {
    length: Math.max(0, to - from),
    time: s.time.subarray(from, to),
    open: s.open.subarray(from, to),
    high: s.high.subarray(from, to),
    low: s.low.subarray(from, to),
    close: s.close.subarray(from, to),
    volume: s.volume.subarray(from, to),
  };
}
