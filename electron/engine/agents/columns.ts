// Indicator columns computed once per prepared series and shared, so agents asking for the same ATR pay for it once.
import type { CandleSeries } from '../model/candle-series';

export class ColumnCache {
  private readonly columns = new Map<string, unknown>();

  constructor(readonly series: CandleSeries) {}

  /** The column under `key`, computing it on first use; keys name the indicator and its params, e.g. "atr:14". */
  get<T>(key: string, compute: (series: CandleSeries) => T): T {
    if (this.columns.has(key)) return this.columns.get(key) as T;
    const value = compute(this.series);
    this.columns.set(key, value);
    return value;
  }
}

/** Value `back` bars before `i`, NaN before the series starts (matching a not-yet-full ring in the stream form). */
export function lagged(column: Float64Array, i: number, back: number): number {
  return i >= back ? column[i - back] : NaN;
}

/** A column as the indicators return it (may be a view on a shared buffer). */
export type Column = Float64Array<ArrayBufferLike>;
/** Placeholder before prepare(); never written to. */
export const EMPTY_COLUMN: Column = new Float64Array(0);
