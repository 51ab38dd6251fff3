// Replays a CandleSeries bar by bar through one reused Candle, so the hot loop allocates nothing per bar.
import type { Candle } from '../../../shared/domain';
import { firstAtOrAfter as firstInTime } from '../model/time-search';
import type { CandleSeries } from '../model/candle-series';

export class ReplayFeed {
  /** The current bar; overwritten by `load`, so copy it to keep it. */
  readonly bar: Candle = { time: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };

  constructor(
    readonly series: CandleSeries,
    /** First bar index replayed (inclusive). */
    readonly from = 0,
    /** End index (exclusive). */
    readonly to = series.length,
  ) {}

  get length(): number {
    return this.to - this.from;
  }

  load(index: number): Candle {
    const s = this.series;
    const b = this.bar;
    b.time = s.time[index];
    b.open = s.open[index];
    b.high = s.high[index];
    b.low = s.low[index];
    b.close = s.close[index];
    b.volume = s.volume[index];
    return b;
  }
}

/** Index of the first bar with time ≥ t (series.length if none). */
export function firstAtOrAfter(series: CandleSeries, t: number): number {
  return firstInTime(series.time, t);
}
