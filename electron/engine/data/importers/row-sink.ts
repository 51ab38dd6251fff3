// Validates parsed rows, packs valid ones into columnar batches, and records problems and gaps.
import { allocateSeries, sliceSeries, type CandleSeries } from '../../model/candle-series';
import { GapCollector } from '../gaps';
import type { ErrorPolicy, Problem, ProblemKind } from './types';

export const MAX_PROBLEMS = 1_000;

export interface RowSinkOptions {
  policy: ErrorPolicy;
  batchSize: number;
  /** Funding-rate files carry rates (zero or negative) in the price columns. */
  relaxPrices: boolean;
  /** Bar length for gap detection; undefined when the timeframe is unknown. */
  tfMs?: number;
}

export class RowSink {
  rowsRead = 0;
  rowsValid = 0;
  readonly problems: Problem[] = [];
  problemsOmitted = 0;
  /** Set under 'reject' after the first problem: parsers stop and nothing more is yielded. */
  stopped = false;
  readonly gaps: GapCollector | undefined;
  private batch: CandleSeries;
  private n = 0;
  private ready: CandleSeries[] = [];
  private prevTime = -Infinity;

  constructor(private readonly opts: RowSinkOptions) {
    this.batch = allocateSeries(opts.batchSize);
    this.gaps = opts.tfMs ? new GapCollector(opts.tfMs) : undefined;
  }

  /** A row whose fields all parsed as numbers (NaN ones must be reported by the parser via bad()). */
  push(line: number, t: number, o: number, h: number, l: number, c: number, v: number): void {
    this.rowsRead++;
    if (t <= this.prevTime) {
      const kind = t === this.prevTime ? 'duplicate' : 'out-of-order';
      this.problem(line, kind, 'time', t, `time ${t} is ${kind === 'duplicate' ? 'repeated' : 'before the previous row'}`);
      return;
    }
    if (!this.opts.relaxPrices && !this.pricesOk(line, o, h, l, c)) return;
    if (v < 0) {
      this.problem(line, 'negative-volume', 'volume', v, `volume ${v} is negative`);
      return;
    }
    this.accept(t, o, h, l, c, v);
  }

  /** A row that could not be parsed at all. */
  bad(line: number, kind: ProblemKind, field: string | undefined, value: string | number | undefined, message: string): void {
    this.rowsRead++;
    this.problem(line, kind, field, value, message);
  }

  /** Moves the partial batch to the ready list (end of file). */
  flush(): void {
    if (this.n > 0 && !this.stopped) this.ready.push(sliceSeries(this.batch, 0, this.n));
    this.n = 0;
  }

  takeReady(): CandleSeries[] {
    const out = this.ready;
    this.ready = [];
    return out;
  }

  /** Times of the rows buffered so far (used to infer a timeframe from a sample). */
  bufferedTimes(): Float64Array {
    return this.batch.time.subarray(0, this.n);
  }

  private pricesOk(line: number, o: number, h: number, l: number, c: number): boolean {
    const nonPos = o <= 0 ? 'open' : h <= 0 ? 'high' : l <= 0 ? 'low' : c <= 0 ? 'close' : undefined;
    if (nonPos) {
      const value = nonPos === 'open' ? o : nonPos === 'high' ? h : nonPos === 'low' ? l : c;
      this.problem(line, 'non-positive-price', nonPos, value, `${nonPos} ${value} is not positive`);
      return false;
    }
    if (h < l) return this.problem(line, 'high-below-low', 'high', h, `high ${h} is below low ${l}`), false;
    if (h < o || h < c) return this.problem(line, 'high-below-low', 'high', h, `high ${h} is below open/close`), false;
    if (l > o || l > c) return this.problem(line, 'high-below-low', 'low', l, `low ${l} is above open/close`), false;
    return true;
  }

  private accept(t: number, o: number, h: number, l: number, c: number, v: number): void {
    const b = this.batch;
    const i = this.n;
    b.time[i] = t;
    b.open[i] = o;
    b.high[i] = h;
    b.low[i] = l;
    b.close[i] = c;
    b.volume[i] = v;
    this.prevTime = t;
    this.rowsValid++;
    this.gaps?.add(t);
    if (++this.n === this.opts.batchSize) {
      this.ready.push(this.batch);
      this.batch = allocateSeries(this.opts.batchSize);
      this.n = 0;
    }
  }

  private problem(line: number, kind: ProblemKind, field: string | undefined, value: string | number | undefined, message: string): void {
    if (this.problems.length < MAX_PROBLEMS) {
      const p: Problem = { line, row: this.rowsRead, kind, message: `line ${line}: ${message}` };
      if (field !== undefined) p.field = field;
      if (value !== undefined) p.value = value;
      this.problems.push(p);
    } else this.problemsOmitted++;
    if (this.opts.policy === 'reject') this.stopped = true;
  }
}
