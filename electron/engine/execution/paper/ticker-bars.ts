// Turns successive ticker prices into the bars the simulated venue understands, so paper fills follow the sim's rules.
import type { Candle } from '../../../../shared/domain';
import type { SimulatedVenue } from '../broker';

/**
 * Between two polls the price moved from `previous` to `last`; the path in between is unknown, so the bar spans
 * exactly that move (open = previous, close = last). Resting orders inside the move fill at their price, as in the
 * backtester; nothing beyond it is assumed.
 */
export function moveBar(time: number, previous: number | undefined, last: number): Candle {
  const open = previous ?? last;
  return { time, open, high: Math.max(open, last), low: Math.min(open, last), close: last, volume: 0 };
}

/** Feeds one bar through the venue's three phases, exactly as the replay clock does in a backtest. */
export function feedBar(venue: SimulatedVenue, symbol: string, bar: Candle): void {
  venue.barOpened(symbol, bar);
  venue.barTraded(symbol, bar);
  venue.barClosed(symbol, bar);
}
