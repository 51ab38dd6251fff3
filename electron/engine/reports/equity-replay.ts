// Equity rebuilt after the fact: a Portfolio applying fills at their times and marked at the stored candles' closes.
//
// Convention (shared by run statistics and daily reports): equity "as of" time t is the books after every fill
// strictly before t, with each position valued at the latest price known at t — the close of the last bar that closed
// at or before t, or a later fill's price. A bar closing at t counts; a fill at t is the next instant's. So a day's
// P&L, equity(to) − equity(from), holds exactly the fills of [from, to), and consecutive days add up.
import { TIMEFRAME_MS, type Timeframe } from '../../../shared/domain';
import type { CandleStore } from '../data/candle-store';
import type { Fill } from '../model/order';
import type { Portfolio } from '../trading/portfolio';

/** One symbol's prices over time: stored bar closes. */
export interface MarkSeries {
  symbol: string;
  /** Bar close times (bar time + timeframe), increasing. */
  closeTime: Float64Array;
  close: Float64Array;
  /** Bar open times, aligned with closeTime (what backtest curves are stamped with). */
  barTime: Float64Array;
}

/** The stored bars of `symbol` whose close falls in (from, to]. */
export function loadMarks(candles: CandleStore, key: { exchange: string; symbol: string; timeframe: Timeframe }, from: number, to: number): MarkSeries {
  const tf = TIMEFRAME_MS[key.timeframe];
  // Bar time t closes at t + tf: from < t + tf <= to  ⇔  from − tf < t <= to − tf (integer ms).
  const s = candles.load(key, { from: from - tf + 1, to: to - tf + 1 });
  const closeTime = new Float64Array(s.length);
  for (let i = 0; i < s.length; i++) closeTime[i] = s.time[i] + tf;
  return { symbol: key.symbol, closeTime, close: s.close.slice(0, s.length), barTime: s.time.slice(0, s.length) };
}

/** Walks fills and marks forward in time order; sample `equity()` after each `advanceTo`. */
export class EquityReplay<F extends Fill = Fill> {
  private nextFill = 0;
  private readonly nextMark: number[];

  /**
   * `portfolio` already holds whatever happened before (opening fills); `fills` are applied from the first, in order.
   * `onFill` sees each fill as it is booked, with how many trades it closed.
   */
  constructor(
    readonly portfolio: Portfolio,
    private readonly fills: readonly F[],
    private readonly marks: readonly MarkSeries[],
    private readonly onFill?: (fill: F, closedTrades: number) => void,
  ) {
    this.nextMark = marks.map(() => 0);
  }

  /** Books every fill before `t` and every bar close at or before `t`, in time order (a close before a fill at the same time). */
  advanceTo(t: number): void {
    const { fills, marks, nextMark } = this;
    for (;;) {
      let at = Infinity;
      let which = -2;
      for (let s = 0; s < marks.length; s++) {
        const k = nextMark[s];
        const m = marks[s];
        if (k < m.closeTime.length && m.closeTime[k] <= t && m.closeTime[k] < at) {
          at = m.closeTime[k];
          which = s;
        }
      }
      // A bar closing at the same time as a fill goes first: the fill is the next instant's (whatever the sampling).
      const f = fills[this.nextFill];
      if (f && f.time < t && f.time < at) which = -1;
      if (which === -2) return;
      if (which === -1) {
        this.nextFill++;
        const closed = this.portfolio.applyFill(f);
        this.onFill?.(f, closed);
      } else {
        const m = marks[which];
        this.portfolio.mark(m.symbol, m.close[nextMark[which]++]);
      }
    }
  }

  /** Every fill and mark left (the end of a run: fills made in answer to its last bar). */
  drain(): void {
    this.advanceTo(Infinity);
  }

  equity(): number {
    return this.portfolio.equity();
  }

  /** The price a position in `symbol` is valued at now (NaN before any fill or mark of it). */
  markOf(symbol: string): number {
    return this.portfolio.state(symbol).lastPrice;
  }
}
