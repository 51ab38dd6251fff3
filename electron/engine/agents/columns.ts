// Indicator columns over a window of bars, shared so agents asking for the same ATR pay for it once. The panel walks a
// long series window by window (a whole year of columns at once was most of a stored run's memory): each column
// carries its indicator's state from one window to the next, so every value is the one a single pass would give.
import { sliceSeries, type CandleSeries } from '../model/candle-series';

/** An indicator's outputs over the cache's current window: slot k holds bar `cache.from + k`. */
export interface WindowColumn {
  /** Computes the current window, continuing from the state the previous window left. */
  fill(cache: ColumnCache): void;
}

interface Entry {
  column: WindowColumn;
  /** End of the last window filled. */
  to: number;
}

export class ColumnCache {
  /** Bars per window (the whole series for the default): every column holds this many slots. */
  readonly capacity: number;
  /** The current window is bars [from, to) of the series. */
  from = 0;
  to: number;
  /** The current window's candles, as views indexed by slot. */
  bars: CandleSeries;
  private readonly columns = new Map<string, Entry>();
  private readonly whole = new Map<string, unknown>();

  constructor(readonly series: CandleSeries, capacity = series.length) {
    this.capacity = Math.min(Math.max(1, capacity), series.length);
    this.to = this.capacity;
    this.bars = sliceSeries(series, 0, this.to);
  }

  /** Bars in the current window. */
  get length(): number {
    return this.to - this.from;
  }

  /** Moves to the next window; false (staying put) at the end of the series. */
  next(): boolean {
    if (this.to >= this.series.length) return false;
    this.from = this.to;
    this.to = Math.min(this.from + this.capacity, this.series.length);
    this.bars = sliceSeries(this.series, this.from, this.to);
    return true;
  }

  /** The column under `key` (e.g. "atr:14"), made in the first window and filled once per window. */
  column<T extends WindowColumn>(key: string, make: (capacity: number) => T): T {
    let entry = this.columns.get(key);
    if (!entry) {
      // State starts at bar 0: a column first asked for later would have missed the bars before.
      if (this.from !== 0) throw new Error(`column ${key} first asked for at bar ${this.from}`);
      entry = { column: make(this.capacity), to: 0 };
      this.columns.set(key, entry);
    }
    if (entry.to !== this.to) {
      if (entry.to !== this.from) throw new Error(`column ${key} skipped bars ${entry.to}..${this.from}`);
      entry.column.fill(this);
      entry.to = this.to;
    }
    return entry.column as T;
  }

  /** A value over the whole series, computed on first use: for batch agents that do not work in windows (a predictor). */
  get<T>(key: string, compute: (series: CandleSeries) => T): T {
    if (this.whole.has(key)) return this.whole.get(key) as T;
    const value = compute(this.series);
    this.whole.set(key, value);
    return value;
  }
}

/** A column as the agents read it. */
export type Column = Float64Array<ArrayBufferLike>;
/** Placeholder before the first window; never written to. */
export const EMPTY_COLUMN: Column = new Float64Array(0);
