// Replays a CandleSeries bar by bar through one reused Candle, so the hot loop allocates nothing per bar.
import type { Candle } from '../../../shared/domain';
import { firstAtOrAfter as firstInTime } from '../model/time-search';
import type { CandleSeries } from '../model/candle-series';

/**
 * The replayed bar, in a class of its own: fields that start as doubles stay unboxed doubles, so each load writes in
 * place. A plain literal would share its hidden class with every candle literal in the app, and one of those holding
 * something else makes V8 box every number written here (a fresh heap number per field per bar).
 */
class ReplayBar implements Candle {
  time = Number.NaN;
  open = Number.NaN;
  high = Number.NaN;
  low = Number.NaN;
  close = Number.NaN;
  volume = Number.NaN;
}

export class ReplayFeed {
  /** The current bar; overwritten by `load`, so copy it to keep it. */
  readonly bar: Candle = new ReplayBar();

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
