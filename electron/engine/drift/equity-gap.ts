// The equity gap over time: the run's books (its own fills, each on the bar it went out after) and the replay's,
// both valued at every bar's close, and run − replay. Fills are placed by their order's send time, not their own
// time stamp, which is the venue's clock (an emulator's or a testnet's need not follow the candles).
import type { Fill } from '../model/order';
import { Portfolio } from '../trading/portfolio';
import type { RunOrder } from './run-record';

export interface EquityGap {
  time: number[];
  run: number[];
  replay: number[];
  gap: number[];
}

export function equityGap(input: {
  symbol: string;
  startingCash: number;
  openingFills: readonly Fill[];
  runOrders: readonly RunOrder[];
  /** The replay's bars, equity at each close, and the closes. */
  time: Float64Array;
  replayEquity: Float64Array;
  closeAt: (time: number) => number;
}): EquityGap {
  const books = new Portfolio(input.startingCash);
  for (const f of input.openingFills) books.applyFill(f);
  const orders = input.runOrders.filter((o) => o.netFills.length > 0).sort((a, b) => a.sentTime - b.sentTime);
  const out: EquityGap = { time: [], run: [], replay: [], gap: [] };
  let next = 0;
  for (let k = 0; k < input.time.length; k++) {
    const t = input.time[k];
    // Orders sent before the replay's first bar (none, unless the feed skipped it) count from the first bar on.
    while (next < orders.length && orders[next].sentTime <= t) for (const f of orders[next++].netFills) books.applyFill(f);
    books.mark(input.symbol, input.closeAt(t));
    const run = books.equity();
    out.time.push(t);
    out.run.push(run);
    out.replay.push(input.replayEquity[k]);
    out.gap.push(run - input.replayEquity[k]);
  }
  return out;
}

/** At most `max` points, evenly spaced, the first and last kept. */
export function downsample(gap: EquityGap, max: number): EquityGap {
  const n = gap.time.length;
  if (n <= max) return gap;
  const pick: number[] = [];
  for (let j = 0; j < max; j++) pick.push(Math.round((j * (n - 1)) / (max - 1)));
  const take = (xs: number[]) => pick.map((k) => xs[k]);
  return { time: take(gap.time), run: take(gap.run), replay: take(gap.replay), gap: take(gap.gap) };
}
