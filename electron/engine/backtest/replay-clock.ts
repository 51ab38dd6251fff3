// The backtest clock: walks the feed and tells the sim venue and the trading session what time it is, nothing more.
import type { SimulatedVenue } from '../execution/broker';
import type { TradingSession } from '../trading/session';
import type { ReplayFeed } from './replay-feed';

/** 'next-open': a decision on bar i's close trades at bar i+1's open. 'close': it trades at bar i's close. */
export type FillTiming = 'next-open' | 'close';

export interface ReplayOptions {
  fill: FillTiming;
  /** Close what is open at the last bar's close (the last bar's own decision is then not sent). */
  finalize: boolean;
  /** Called as each bar opens, before anything trades at its open, with its index in the series (the risk clock). */
  beforeBar?: (index: number) => void;
  /** Called after each bar with its offset in the feed (0-based) and index in the series. */
  afterBar: (offset: number, index: number) => void;
  /** Called after every `every`-th bar with the bars done so far; awaited only when it returns a promise. */
  checkpoint?: { every: number; run: (done: number) => void | Promise<void> };
}

/**
 * Per bar: the risk clock moves to the bar's open → the venue opens the bar (resting orders gapped through fill at
 * the open) → in next-open mode the previous decision is sent at the open → the venue trades the bar's range → the
 * bar closes → the session decides → in close mode the decision is sent at the close. The session awaits the broker
 * only on bars that trade.
 */
export async function replay(
  feed: ReplayFeed,
  venue: SimulatedVenue,
  session: TradingSession,
  symbol: string,
  options: ReplayOptions,
): Promise<void> {
  const nextOpen = options.fill === 'next-open';
  const last = feed.to - 1;
  for (let i = feed.from; i <= last; i++) {
    const bar = feed.load(i);
    options.beforeBar?.(i);
    venue.barOpened(symbol, bar);
    if (nextOpen && session.hasStaged) {
      const sending = session.act(bar.open);
      if (sending) await sending;
    }
    venue.barTraded(symbol, bar);
    venue.barClosed(symbol, bar);
    session.onBarClosed(i);
    if (options.finalize && i === last) {
      const closing = session.flatten(bar.close, bar.time, 'finalize');
      if (closing) await closing;
    } else if (!nextOpen && session.hasStaged) {
      const sending = session.act(bar.close);
      if (sending) await sending;
    }
    options.afterBar(i - feed.from, i);
    const cp = options.checkpoint;
    if (cp && (i - feed.from + 1) % cp.every === 0) {
      const pause = cp.run(i - feed.from + 1);
      if (pause) await pause;
    }
  }
}
