// Shapes of the order journal: one row per intent (keyed by the loop's client order id) and its fills.
import type { OrderStatus, OrderType, Side } from '../../model/order';

export interface JournalEntry {
  id: number;
  /** The loop's id, as in the intent; the exchange sees wireClientId(clientOrderId). */
  clientOrderId: string;
  wireId: string;
  exchangeOrderId: string | null;
  symbol: string;
  side: Side;
  type: OrderType;
  amount: number;
  price: number | null;
  stopPrice: number | null;
  reduceOnly: boolean;
  status: OrderStatus;
  filled: number;
  averagePrice: number | null;
  createdAt: number;
  updatedAt: number;
  lastError: string | null;
  runId: number | null;
  decisionId: number | null;
  /** The session that placed it (null: the kill switch, or an order from before sessions). */
  sessionId: number | null;
  /** entry | exit | flatten | stop-loss | take-profit (the intent's reason). */
  role: string | null;
}

/** What an exchange answer (or a lookup, or reconciliation) says about an order; absent fields stay as they are. */
export interface OrderAnswer {
  exchangeOrderId?: string;
  status?: OrderStatus;
  filled?: number;
  averagePrice?: number | null;
  /** null clears an earlier error. */
  lastError?: string | null;
}

export interface JournalFill {
  /** The exchange's trade id: (order, trade) is unique, so recording a fill twice is harmless. */
  tradeId: string;
  time: number;
  price: number;
  amount: number;
  fee: number;
  feeCurrency: string | null;
}

export interface JournalFillRow extends JournalFill {
  clientOrderId: string;
  symbol: string;
  side: Side;
  exchangeOrderId: string | null;
  sessionId: number | null;
}

export const OPEN_STATUSES: readonly OrderStatus[] = ['pending', 'open', 'partially-filled'];
/** OPEN_STATUSES as an SQL list, for `status IN (…)`. */
export const OPEN_STATUS_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
export const TERMINAL_STATUSES: readonly OrderStatus[] = ['filled', 'cancelled', 'rejected'];

export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}
