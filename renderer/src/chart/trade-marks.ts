// A run's trades as chart markers: one at each entry and one at each exit (a paper or live session's: one per fill), on
// the chart bar that holds its time, with the side, price and size in the text (and in the hover tooltip when the chart
// is too dense for text).
import type { SeriesMarkerBar, UTCTimestamp } from 'lightweight-charts';
import type { BacktestResult } from '../../../shared/backtest-contract';
import type { DeskFill } from '../../../shared/desk-book-contract';

export interface TradeMark {
  time: number;
  side: 'buy' | 'sell';
  kind: 'entry' | 'exit';
  price: number;
  /** Absolute size in base units. */
  size: number;
  /** The trade's P&L, on exits. */
  pnl?: number;
}

/** Above this many markers in the loaded window the text is left off (it would cover the candles); the tooltip stays. */
export const TEXT_MARKERS_MAX = 120;

/** Entries and exits in time order; a positive size is a long (buy, then sell), a negative one a short. */
export function tradeMarks(trades: BacktestResult['trades']): TradeMark[] {
  const marks: TradeMark[] = [];
  for (const t of trades) {
    const long = t.size > 0;
    const size = Math.abs(t.size);
    marks.push({ time: t.entryTime, side: long ? 'buy' : 'sell', kind: 'entry', price: t.entryPrice, size });
    marks.push({ time: t.exitTime, side: long ? 'sell' : 'buy', kind: 'exit', price: t.exitPrice, size, pnl: t.pnl });
  }
  return marks.sort((a, b) => a.time - b.time);
}

/**
 * A paper or live session's fills over its candle window: one mark per fill, an entry or an exit by its order's role.
 * A fill in the bar still forming (after the last closed bar the chart draws) sits on that last bar until its own is drawn.
 */
export function fillMarks(fills: readonly DeskFill[], time: ArrayLike<number>, barMs: number): TradeMark[] {
  if (time.length === 0) return [];
  const last = time[time.length - 1];
  return fills
    .filter((f) => f.time >= time[0])
    .map((f): TradeMark => ({ time: f.time >= last + barMs ? last : f.time, side: f.side, kind: f.role === 'entry' ? 'entry' : 'exit', price: f.price, size: f.amount }))
    .sort((a, b) => a.time - b.time);
}

const num = (v: number, digits = 6) => Number(v.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 8 });

export function markText(m: TradeMark): string {
  const pnl = m.pnl === undefined ? '' : ` (${m.pnl >= 0 ? '+' : ''}${num(m.pnl, 4)})`;
  return `${m.kind === 'entry' ? 'entry' : 'exit'} ${m.side} ${num(m.size, 4)} @ ${num(m.price)}${pnl}`;
}

/** Index of the last bar opening at or before t, or -1. */
export function barAt(time: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The marks inside the loaded bars [first bar, last bar + barMs), grouped by the chart bar they fall on. */
export function marksByBar(marks: readonly TradeMark[], time: ArrayLike<number>, barMs: number): Map<number, TradeMark[]> {
  const byBar = new Map<number, TradeMark[]>();
  if (time.length === 0) return byBar;
  const end = time[time.length - 1] + barMs;
  for (const m of marks) {
    if (m.time < time[0] || m.time >= end) continue;
    const bar = time[barAt(time, m.time)];
    const list = byBar.get(bar);
    if (list) list.push(m);
    else byBar.set(bar, [m]);
  }
  return byBar;
}

export function tradeMarkers(byBar: Map<number, TradeMark[]>, colors: { buy: string; sell: string }): SeriesMarkerBar<UTCTimestamp>[] {
  const count = [...byBar.values()].reduce((n, l) => n + l.length, 0);
  const withText = count <= TEXT_MARKERS_MAX;
  const out: SeriesMarkerBar<UTCTimestamp>[] = [];
  for (const [bar, list] of [...byBar].sort((a, b) => a[0] - b[0])) {
    for (const m of list) {
      out.push({
        time: (bar / 1000) as UTCTimestamp,
        position: m.side === 'buy' ? 'belowBar' : 'aboveBar',
        // Entries are arrows, exits circles: a long's exit (a sell) reads apart from a short's entry.
        shape: m.kind === 'exit' ? 'circle' : m.side === 'buy' ? 'arrowUp' : 'arrowDown',
        color: m.side === 'buy' ? colors.buy : colors.sell,
        text: withText ? markText(m) : undefined,
      });
    }
  }
  return out;
}
