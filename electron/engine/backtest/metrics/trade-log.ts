// Closed trades kept as one block of numbers rather than an object each. A backtest's trades live until its end, so as
// objects (with a heap number per field) they were what V8 carried to its old generation — ~2 MB per 10,000 trades —
// and on a fresh sweep thread what grew its heap page by page. Records are made only for a caller that asks.
import type { TradeRecord, TradeRows } from './types';

/** Fields of a row, in order. */
const ENTRY_TIME = 0;
const EXIT_TIME = 1;
const ENTRY_PRICE = 2;
const EXIT_PRICE = 3;
const SIZE = 4;
const PNL = 5;
const RETURN_PCT = 6;
const FEES = 7;
const STRIDE = 8;

export class TradeLog implements TradeRows {
  length = 0;
  private rows = new Float64Array(64 * STRIDE);

  static from(trades: readonly TradeRecord[]): TradeLog {
    const log = new TradeLog();
    for (const t of trades) log.add(t.entryTime, t.exitTime, t.entryPrice, t.exitPrice, t.size, t.pnl, t.returnPct, t.fees);
    return log;
  }

  add(entryTime: number, exitTime: number, entryPrice: number, exitPrice: number, size: number, pnl: number, returnPct: number, fees: number): void {
    let at = this.length * STRIDE;
    if (at === this.rows.length) {
      const grown = new Float64Array(this.rows.length * 2);
      grown.set(this.rows);
      this.rows = grown;
    }
    const r = this.rows;
    r[at++] = entryTime;
    r[at++] = exitTime;
    r[at++] = entryPrice;
    r[at++] = exitPrice;
    r[at++] = size;
    r[at++] = pnl;
    r[at++] = returnPct;
    r[at] = fees;
    this.length++;
  }

  entryTime(i: number): number {
    return this.rows[i * STRIDE + ENTRY_TIME];
  }

  exitTime(i: number): number {
    return this.rows[i * STRIDE + EXIT_TIME];
  }

  pnl(i: number): number {
    return this.rows[i * STRIDE + PNL];
  }

  returnPct(i: number): number {
    return this.rows[i * STRIDE + RETURN_PCT];
  }

  /** Trade `i` as a record of its own (a copy: the log does not change it later). */
  at(i: number): TradeRecord {
    const r = this.rows;
    const o = i * STRIDE;
    return {
      entryTime: r[o + ENTRY_TIME], exitTime: r[o + EXIT_TIME], entryPrice: r[o + ENTRY_PRICE], exitPrice: r[o + EXIT_PRICE],
      size: r[o + SIZE], pnl: r[o + PNL], returnPct: r[o + RETURN_PCT], fees: r[o + FEES],
    };
  }
}
