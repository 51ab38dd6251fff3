// The latest N candles as a CandleSeries over fixed buffers; each append hands out a new view (sources re-prepare on it).
import { allocateSeries, sliceSeries, type CandleSeries } from '../model/candle-series';

export class RollingSeries {
  private readonly buf: CandleSeries;
  private length = 0;

  constructor(readonly capacity: number) {
    // Twice the window, so the shift that makes room happens once every `capacity` appends, not on each.
    this.buf = allocateSeries(capacity * 2);
  }

  get size(): number {
    return Math.min(this.length, this.capacity);
  }

  lastTime(): number {
    return this.length > 0 ? this.buf.time[this.length - 1] : -Infinity;
  }

  /** Appends bars newer than the last one (older or equal times are ignored: a poll may repeat a bar). */
  append(batch: CandleSeries): number {
    let added = 0;
    for (let i = 0; i < batch.length; i++) {
      if (batch.time[i] <= this.lastTime()) continue;
      if (this.length === this.buf.length) this.shift();
      const k = this.length++;
      this.buf.time[k] = batch.time[i];
      this.buf.open[k] = batch.open[i];
      this.buf.high[k] = batch.high[i];
      this.buf.low[k] = batch.low[i];
      this.buf.close[k] = batch.close[i];
      this.buf.volume[k] = batch.volume[i];
      added++;
    }
    return added;
  }

  /** The window: the latest `capacity` bars (a new object sharing memory with the buffers). */
  view(): CandleSeries {
    return sliceSeries(this.buf, Math.max(0, this.length - this.capacity), this.length);
  }

  private shift(): void {
    const drop = this.length - this.capacity;
    for (const col of [this.buf.time, this.buf.open, this.buf.high, this.buf.low, this.buf.close, this.buf.volume]) col.copyWithin(0, drop, this.length);
    this.length -= drop;
  }
}
