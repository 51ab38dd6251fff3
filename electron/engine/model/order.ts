// Orders, fills and positions in the trader's terms; the same shapes flow through sim, paper and live brokers.

export type Side = 'buy' | 'sell';
export type OrderType = 'market' | 'limit' | 'stop-market' | 'stop-limit';
export type OrderStatus = 'pending' | 'open' | 'partially-filled' | 'filled' | 'cancelled' | 'rejected';

/** What the trading loop wants done; the risk manager sees it before any broker does. */
export interface OrderIntent {
  /** Deterministic from the decision (run, symbol, bar time, sequence), so a retry can never double an order. */
  clientOrderId: string;
  symbol: string;
  side: Side;
  type: OrderType;
  /** Base-currency units, > 0, already rounded to the market's amount step. */
  amount: number;
  /** Limit price (limit and stop-limit). */
  price?: number;
  /** Trigger price (stop-market and stop-limit). */
  stopPrice?: number;
  /** May only shrink a position (exits, stops, flattening). */
  reduceOnly?: boolean;
  /** Protective exits attached to the position this order opens. */
  stopLoss?: number;
  takeProfit?: number;
  /** Open time of the closed bar whose decision produced this intent. */
  decisionTime: number;
  /** Why the order exists: 'entry', 'exit', 'stop-loss', 'take-profit', 'flatten', … */
  reason?: string;
  /** The paper/live session that placed it: positions are attributed to sessions through the journal. */
  sessionId?: number;
  /** The price the loop valued a market order at (the bar that just closed): a venue may check limits against it instead of asking for a ticker first. */
  referencePrice?: number;
}

export interface Order extends OrderIntent {
  /** The venue's id (the emulator's or exchange's; the sim broker's own counter). */
  id: string;
  status: OrderStatus;
  filled: number;
  averagePrice: number;
  createdAt: number;
  updatedAt: number;
  rejectReason?: string;
}

export interface Fill {
  orderId: string;
  clientOrderId: string;
  symbol: string;
  side: Side;
  time: number;
  price: number;
  amount: number;
  /** In the quote currency. */
  fee: number;
}

/** A net position: size > 0 long, < 0 short. */
export interface Position {
  symbol: string;
  size: number;
  entryPrice: number;
  openedAt: number;
  stopLoss?: number;
  takeProfit?: number;
}

export function signedAmount(side: Side, amount: number): number {
  return side === 'buy' ? amount : -amount;
}
