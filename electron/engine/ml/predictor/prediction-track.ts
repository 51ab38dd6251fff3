// P(up) for every bar of a series, computed once per bar however often the series is handed over: a backtest hands
// one series (every bar, in chunks of one onnxruntime call each), a live session a rolling window one bar longer each
// time (one new row, one single-row call). Features stream bar by bar, so memory is one chunk, not the whole matrix.
//
// A sequence model (input [N, T, F]: the GRU) reads the last T feature rows: the track keeps them in a ring and hands
// the window, oldest row first, for each bar; a bar without T complete rows behind it is still warming up. A tabular
// model is the case T = 1.
import type { CandleSeries } from '../../model/candle-series';
import { indexOfTime } from '../../model/time-search';
import { FeatureStream } from '../features';
import type { FeatureExtra } from '../features/family';
import type { OnnxRunner } from '../onnx';

/** Values per onnxruntime call at most (2 MB of float32): 8,192 rows of a tabular model, 268 windows of 32 × 61. */
const MAX_CHUNK_VALUES = 1 << 19;

/** Why a bar has no probability: 0 it has one; warming up (too few bars for some feature); the model call failed or
 * ran over its time budget (the error is in `lastError`). */
export const Missing = { None: 0, WarmingUp: 1, Failed: 2 } as const;

export interface TrackOptions {
  /** Rows per onnxruntime call in batch (default 8,192; capped at 2 MB of input a call: 268 windows of a 32-row GRU). */
  chunkRows?: number;
  /** Budget of each call, ms; a call over it fails (default: the runner's). */
  timeoutMs?: number;
  /** 'throw' (backtests: a broken model fails the run) or 'abstain' (live: the bar gets no vote, trading goes on). */
  onError?: 'throw' | 'abstain';
  /** Kline columns beyond OHLCV by bar index, for a model that reads them (`quorum predict --microstructure`). */
  extra?: FeatureExtra;
}

export class PredictionTrack {
  /** P(up) by bar index of the last series; NaN where `missing` says why. */
  p = new Float32Array(0);
  missing = new Uint8Array(0);
  lastError: string | undefined;
  private series: CandleSeries | undefined;
  private stream: FeatureStream;
  /** Time of the last bar the stream has taken in. */
  private lastTime = Number.NEGATIVE_INFINITY;
  private readonly chunkRows: number;
  /** T: feature rows per model input (1 for a tabular model). */
  private readonly steps: number;
  /** The last `steps` feature rows, a ring: row k of it at k·cols; the newest at `ringHead − 1`. */
  private readonly ring: Float32Array;
  private ringHead = 0;
  /** Complete rows in a row up to the last bar taken in (counted up to `steps`). */
  private completeRun = 0;

  constructor(
    private readonly runner: OnnxRunner,
    private readonly options: TrackOptions = {},
  ) {
    this.stream = this.newStream();
    this.steps = runner.rowShape.length === 2 ? runner.rowShape[0] : 1;
    this.ring = new Float32Array(this.steps * this.stream.cols);
    const perCall = Math.max(1, Math.floor(MAX_CHUNK_VALUES / (this.steps * this.stream.cols)));
    this.chunkRows = Math.max(1, Math.min(options.chunkRows ?? 8_192, perCall));
  }


  private newStream(): FeatureStream {
    const extra = this.options.extra;
    return new FeatureStream({ takerBuyVolume: extra?.takerBuyVolume !== undefined, trades: extra?.trades !== undefined });
  }

  /** Brings `p` up to date with `series`: bars already predicted keep their value, new ones are computed. */
  async update(series: CandleSeries): Promise<void> {
    if (series === this.series) return;
    const start = this.carryOver(series);
    this.series = series;
    await this.compute(series, start);
  }

  /**
   * Reuses what the previous series already had when `series` continues it (same bars, maybe fewer at the front,
   * more at the end); returns the first index still to compute. Anything else starts again from bar 0.
   */
  private carryOver(series: CandleSeries): number {
    const n = series.length;
    const old = this.series;
    const p = new Float32Array(n).fill(Number.NaN);
    const missing = new Uint8Array(n);
    const last = n > 0 && old ? indexOfTime(series.time, this.lastTime) : -1;
    const shift = last >= 0 && old ? indexOfTime(old.time, series.time[0]) : -1;
    const continues = shift >= 0 && old !== undefined && old.time[shift + last] === this.lastTime;
    if (continues) {
      p.set(this.p.subarray(shift, shift + last + 1));
      missing.set(this.missing.subarray(shift, shift + last + 1));
    } else {
      this.stream = this.newStream();
      this.lastTime = Number.NEGATIVE_INFINITY;
      this.ringHead = 0;
      this.completeRun = 0;
    }
    this.p = p;
    this.missing = missing;
    return continues ? last + 1 : 0;
  }

  private async compute(series: CandleSeries, start: number): Promise<void> {
    const cols = this.stream.cols;
    const rowSize = this.steps * cols;
    const chunk = new Float32Array(Math.min(this.chunkRows, Math.max(1, series.length - start)) * rowSize);
    const rows: number[] = [];
    const bar = { time: 0, open: 0, high: 0, low: 0, close: 0, volume: 0, takerBuyVolume: Number.NaN, trades: Number.NaN };
    const { takerBuyVolume, trades } = this.options.extra ?? {};
    for (let i = start; i < series.length; i++) {
      if (takerBuyVolume) bar.takerBuyVolume = takerBuyVolume[i];
      if (trades) bar.trades = trades[i];
      bar.time = series.time[i];
      bar.open = series.open[i];
      bar.high = series.high[i];
      bar.low = series.low[i];
      bar.close = series.close[i];
      bar.volume = series.volume[i];
      const row = this.stream.update(bar);
      this.lastTime = bar.time;
      if (!this.take(row)) {
        this.missing[i] = Missing.WarmingUp;
        continue;
      }
      this.window(chunk, rows.length * rowSize);
      rows.push(i);
      if (rows.length * rowSize === chunk.length) await this.flush(chunk, rows);
    }
    if (rows.length > 0) await this.flush(chunk, rows);
  }

  /** Puts a new feature row into the ring; true when the last `steps` rows are all complete (the bar can be predicted). */
  private take(row: Float32Array): boolean {
    if (!row.every(Number.isFinite)) {
      this.completeRun = 0;
      return false;
    }
    this.ring.set(row, this.ringHead * row.length);
    this.ringHead = (this.ringHead + 1) % this.steps;
    this.completeRun = Math.min(this.steps, this.completeRun + 1);
    return this.completeRun === this.steps;
  }

  /** Writes the ring's rows into `out` at `at`, oldest first: the oldest is the one the next row will replace. */
  private window(out: Float32Array, at: number): void {
    const split = this.ringHead * this.stream.cols;
    out.set(this.ring.subarray(split), at);
    out.set(this.ring.subarray(0, split), at + this.ring.length - split);
  }

  /** One onnxruntime call for the rows gathered (a single-row call when there is one, as live bars come). */
  private async flush(chunk: Float32Array, rows: number[]): Promise<void> {
    const budget = this.options.timeoutMs === undefined ? {} : { timeoutMs: this.options.timeoutMs };
    const rowSize = this.steps * this.stream.cols;
    try {
      if (rows.length === 1) {
        this.p[rows[0]] = await this.runner.predictOne(chunk.subarray(0, rowSize), budget);
      } else {
        const out = await this.runner.predict(chunk.subarray(0, rows.length * rowSize), rows.length, budget);
        for (let r = 0; r < rows.length; r++) this.p[rows[r]] = out[r];
      }
      this.lastError = undefined;
    } catch (err) {
      if (this.options.onError !== 'abstain') throw err;
      this.lastError = err instanceof Error ? err.message : String(err);
      for (const i of rows) this.missing[i] = Missing.Failed;
    }
    rows.length = 0;
  }
}
