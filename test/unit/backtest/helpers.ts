// Small builders for the trading tests: bars, series from OHLC rows, a sim broker with recorded events, intents.
import type { Candle } from '../../../shared/domain';
import { allocateSeries, type CandleSeries } from '../../../electron/engine/model/candle-series';
import type { Fill, Order, OrderIntent } from '../../../electron/engine/model/order';
import { SimBroker, type SimBrokerOptions } from '../../../electron/engine/execution/sim-broker';

export const DAY = 86_400_000;
export const T0 = Date.UTC(2024, 0, 1);

export function bar(i: number, open: number, high: number, low: number, close: number): Candle {
  return { time: T0 + i * DAY, open, high, low, close, volume: 1 };
}

/** A daily series from [open, high, low, close] rows. */
export function seriesOf(rows: readonly (readonly [number, number, number, number])[]): CandleSeries {
  const s = allocateSeries(rows.length);
  rows.forEach(([o, h, l, c], i) => {
    s.time[i] = T0 + i * DAY;
    s.open[i] = o;
    s.high[i] = h;
    s.low[i] = l;
    s.close[i] = c;
    s.volume[i] = 1;
  });
  return s;
}

/** Closes that make sma-cross(2, 3) reverse several times: the shared fixture of the reversal tests. */
export const WAVE_CLOSES: readonly number[] = [10, 10, 10, 9, 8, 12, 14, 13, 9, 7, 6, 9, 12];

/** WAVE_CLOSES with a ±0.5 range around each close. */
export function waveSeries(): CandleSeries {
  return seriesOf(WAVE_CLOSES.map((c) => [c, c + 0.5, c - 0.5, c] as const));
}

/** The reversing run (long and short, 2 units) the session, recorder and risk-gate tests share. */
export const WAVE_RUN = { symbol: 'X', strategy: 'sma-cross', params: { fast: 2, slow: 3 }, sizing: 'fixed:2', allowShort: true } as const;

/** A series whose bars all sit at their close (open = high = low = close). */
export function flatBars(closes: readonly number[]): CandleSeries {
  return seriesOf(closes.map((c) => [c, c, c, c] as const));
}

let nextId = 0;
export function intent(fields: Partial<OrderIntent> & Pick<OrderIntent, 'side' | 'type' | 'amount'>): OrderIntent {
  return { clientOrderId: `t-${++nextId}`, symbol: 'X', decisionTime: T0, ...fields };
}

export interface Watched {
  broker: SimBroker;
  fills: Fill[];
  updates: Order[];
}

/** A sim broker for symbol 'X' whose fills and order updates are captured. */
export function watchedBroker(options: Partial<SimBrokerOptions> = {}): Watched {
  const broker = new SimBroker({ cash: 10_000, ...options });
  const fills: Fill[] = [];
  const updates: Order[] = [];
  broker.subscribe({ filled: (f) => fills.push(f), orderUpdated: (o) => updates.push(o) });
  return { broker, fills, updates };
}

/** Opens, trades and closes one bar on the venue. */
export function runBar(broker: SimBroker, b: Candle): void {
  broker.barOpened('X', b);
  broker.barTraded('X', b);
  broker.barClosed('X', b);
}
