// Incoming bars of one write or import, grouped by block in memory so each block is merged and written once.
import type { CandleSeries } from '../../model/candle-series';
import { DataError } from '../../errors';
import { firstAtOrAfter } from '../../model/time-search';
import { concatSeries, copyRange, firstOrderViolation } from './columns';
import { blockStartOf } from './layout';
import { mergeByTime } from './merge';

export class PendingBlocks {
  private readonly chunks = new Map<number, CandleSeries[]>();
  private rowCount = 0;

  constructor(private readonly span: number) {}

  get rows(): number {
    return this.rowCount;
  }

  /** Splits a strictly increasing batch at block boundaries and keeps an owned copy of each piece. */
  add(batch: CandleSeries): void {
    const bad = firstOrderViolation(batch);
    if (bad >= 0) {
      throw new DataError(`Batch times must be finite and strictly increasing (bar ${bad})`, 'DATA_OUT_OF_ORDER', { field: 'time', value: batch.time[bad], row: bad });
    }
    let from = 0;
    while (from < batch.length) {
      const start = blockStartOf(batch.time[from], this.span);
      const to = firstAtOrAfter(batch.time, start + this.span, from, batch.length);
      const list = this.chunks.get(start);
      if (list) list.push(copyRange(batch, from, to));
      else this.chunks.set(start, [copyRange(batch, from, to)]);
      this.rowCount += to - from;
      from = to;
    }
  }

  /** Each touched block's incoming bars, merged among themselves (later chunks win), in block order. */
  *blocks(): Generator<[number, CandleSeries]> {
    const starts = [...this.chunks.keys()].sort((a, b) => a - b);
    for (const start of starts) yield [start, collapse(this.chunks.get(start) ?? [])];
  }
}

function collapse(parts: CandleSeries[]): CandleSeries {
  // Batches of one file arrive in time order, so a single concatenation usually suffices.
  let ordered = true;
  for (let i = 1; i < parts.length && ordered; i++) {
    ordered = parts[i].time[0] > parts[i - 1].time[parts[i - 1].length - 1];
  }
  if (ordered) return concatSeries(parts);
  return parts.reduce((acc, p) => mergeByTime(acc, p).series);
}
