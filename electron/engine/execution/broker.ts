// The one broker interface (ccxt's vocabulary) that the sim, paper and live venues implement behind the trading loop.
import type { Candle } from '../../../shared/domain';
import type { Fill, Order, OrderIntent, Position } from '../model/order';

/** Cash in the quote currency, as ccxt's fetchBalance reports one currency: free + used = total. */
export interface Balance {
  currency: string;
  free: number;
  used: number;
  total: number;
}

/** What a venue tells the loop as it happens; live brokers translate ccxt's watchOrders / watchMyTrades into these. */
export interface BrokerListener {
  orderUpdated(order: Order): void;
  filled(fill: Fill, order: Order): void;
}

export interface Broker {
  readonly name: string;
  /** Sends an order; the returned Order is the venue's view right after acceptance (may already be filled). */
  createOrder(intent: OrderIntent): Promise<Order>;
  cancelOrder(id: string, symbol?: string): Promise<Order>;
  cancelAllOrders(symbol?: string): Promise<Order[]>;
  fetchOpenOrders(symbol?: string): Promise<Order[]>;
  fetchBalance(): Promise<Balance>;
  fetchPositions(symbols?: string[]): Promise<Position[]>;
  /** Registers a listener for order updates and fills; returns the unsubscribe function. */
  subscribe(listener: BrokerListener): () => void;
}

/**
 * The hook a simulated venue adds: the replay clock tells it where the market is. A live venue needs none of this;
 * the exchange's own matching engine plays the part.
 */
export interface SimulatedVenue {
  /** The bar has opened: market orders now fill at its open; resting orders the open gapped through fill there. */
  barOpened(symbol: string, bar: Candle): void;
  /** Resting orders touched inside the bar fill in the venue's documented in-bar order. */
  barTraded(symbol: string, bar: Candle): void;
  /** The bar has closed: market orders now fill at its close. */
  barClosed(symbol: string, bar: Candle): void;
  /** createOrder on the replay clock: answered at once, without a promise (the trading loop's hot path in a backtest). */
  submit(intent: OrderIntent): Order;
}

export function isSimulatedVenue(broker: Broker): broker is Broker & SimulatedVenue {
  const v = broker as Partial<SimulatedVenue>;
  return typeof v.barOpened === 'function' && typeof v.barTraded === 'function' && typeof v.barClosed === 'function' && typeof v.submit === 'function';
}
