// What the live broker's helpers share: the ccxt client, the journal, time budgets, retry policy and event hooks.
import type { Exchange } from 'ccxt';
import type { OrderJournal, JournalEntry, JournalFill } from '../journal';
import type { RetryPolicy } from './retry';

export interface LiveTimeouts {
  /** Budget for order calls: create, cancel, fetch order, open orders, trades, balance (TIMEOUTS.order). */
  order: number;
  /** Budget for a ticker (TIMEOUTS.ticker). */
  ticker: number;
}

export interface LiveContext {
  exchange: Exchange;
  journal: OrderJournal;
  timeouts: LiveTimeouts;
  retry: RetryPolicy;
  /**
   * How long after a send an order that cannot be found is known never to arrive. Binance drops any request whose
   * timestamp is older than recvWindow, so once that has passed a lookup that finds nothing is final.
   */
  settleMs: number;
  /** Sends of one order at most (each after a lookup proved the previous one absent). */
  maxSends: number;
  now: () => number;
  /** Called after every journal change the broker makes, so listeners hear about it. */
  changed(entry: JournalEntry, newFills: readonly JournalFill[]): void;
  /** Re-reads the exchange clock (ccxt's loadTimeDifference) after a timestamp refusal. */
  syncClock(): Promise<void>;
}
