// Converts journal rows (snake_case SQLite columns) into the journal's typed entries.
import type { OrderStatus, OrderType, Side } from '../../model/order';
import { wireClientId } from './client-id';
import type { JournalEntry, JournalFillRow } from './types';

export interface OrderRow {
  id: number;
  run_id: number | null;
  decision_id: number | null;
  client_order_id: string;
  exchange_order_id: string | null;
  symbol: string;
  side: Side;
  type: OrderType;
  amount: number;
  price: number | null;
  stop_price: number | null;
  reduce_only: number;
  status: OrderStatus;
  filled: number;
  average_price: number | null;
  created_at: number;
  updated_at: number;
  last_error: string | null;
  session_id: number | null;
  role: string | null;
}

export interface FillRow {
  trade_id: string;
  time: number;
  price: number;
  amount: number;
  fee: number;
  fee_currency: string | null;
  client_order_id: string;
  symbol: string;
  side: Side;
  exchange_order_id: string | null;
  session_id: number | null;
}

export function fromRow(r: OrderRow): JournalEntry {
  return {
    id: r.id,
    clientOrderId: r.client_order_id,
    wireId: wireClientId(r.client_order_id),
    exchangeOrderId: r.exchange_order_id,
    symbol: r.symbol,
    side: r.side,
    type: r.type,
    amount: r.amount,
    price: r.price,
    stopPrice: r.stop_price,
    reduceOnly: r.reduce_only === 1,
    status: r.status,
    filled: r.filled,
    averagePrice: r.average_price,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastError: r.last_error,
    runId: r.run_id,
    decisionId: r.decision_id,
    sessionId: r.session_id,
    role: r.role,
  };
}

export function fillFromRow(r: FillRow): JournalFillRow {
  return {
    tradeId: r.trade_id,
    time: r.time,
    price: r.price,
    amount: r.amount,
    fee: r.fee,
    feeCurrency: r.fee_currency,
    clientOrderId: r.client_order_id,
    symbol: r.symbol,
    side: r.side,
    exchangeOrderId: r.exchange_order_id,
    sessionId: r.session_id,
  };
}
