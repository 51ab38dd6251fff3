// The order journal: every intent is written to SQLite before it is sent, then every answer and fill is recorded.
import type { Database, Statement } from 'better-sqlite3';
import { StorageError } from '../../errors';
import type { OrderIntent, OrderStatus } from '../../model/order';
import { wireClientId } from './client-id';
import { fromRow, fillFromRow, type FillRow, type OrderRow } from './rows';
import { isTerminal, type JournalEntry, type JournalFill, type JournalFillRow, type OrderAnswer } from './types';

export interface JournalOptions {
  /** runs.id the orders belong to (null: not tied to a run). */
  runId?: number | null;
  now?: () => number;
}

export interface IntentExtras {
  decisionId?: number | null;
  status?: OrderStatus;
  lastError?: string | null;
}

const OPEN_SQL = "status IN ('pending', 'open', 'partially-filled')";

export class OrderJournal {
  private readonly runId: number | null;
  private readonly now: () => number;
  private readonly st: Record<'insert' | 'get' | 'byExchange' | 'update' | 'fill' | 'fills' | 'open', Statement>;
  private wireIds: Map<string, string> | undefined;

  constructor(readonly db: Database, options: JournalOptions = {}) {
    this.runId = options.runId ?? null;
    this.now = options.now ?? Date.now;
    this.st = {
      insert: db.prepare(`INSERT INTO orders (run_id, decision_id, client_order_id, symbol, side, type, amount, price,
        stop_price, reduce_only, status, filled, created_at, updated_at, last_error)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?) ON CONFLICT (client_order_id) DO NOTHING`),
      get: db.prepare('SELECT * FROM orders WHERE client_order_id = ?'),
      byExchange: db.prepare('SELECT * FROM orders WHERE exchange_order_id = ? AND (? IS NULL OR symbol = ?) ORDER BY id DESC LIMIT 1'),
      update: db.prepare(`UPDATE orders SET exchange_order_id = ?, status = ?, filled = ?, average_price = ?,
        last_error = ?, updated_at = ? WHERE client_order_id = ?`),
      fill: db.prepare(`INSERT INTO fills (order_id, trade_id, time, price, amount, fee, fee_currency)
        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (order_id, trade_id) DO NOTHING`),
      fills: db.prepare(`SELECT f.*, o.client_order_id, o.symbol, o.side, o.exchange_order_id FROM fills f
        JOIN orders o ON o.id = f.order_id ORDER BY f.time, f.id`),
      open: db.prepare(`SELECT * FROM orders WHERE ${OPEN_SQL} ORDER BY created_at, id`),
    };
  }

  /**
   * Writes the intent as 'pending' before anything is sent. Idempotent: a second call with the same client order id
   * returns the row already there (created = false), which is how a retried decision finds its earlier attempt.
   */
  recordIntent(intent: OrderIntent, extras: IntentExtras = {}): { entry: JournalEntry; created: boolean } {
    const now = this.now();
    const info = this.write(() => this.st.insert.run(this.runId, extras.decisionId ?? null, intent.clientOrderId,
      intent.symbol, intent.side, intent.type, intent.amount, intent.price ?? null, intent.stopPrice ?? null,
      intent.reduceOnly ? 1 : 0, extras.status ?? 'pending', now, now, extras.lastError ?? null));
    const entry = this.get(intent.clientOrderId);
    if (!entry) throw new StorageError(`journal lost order ${intent.clientOrderId}`, 'JOURNAL_INCONSISTENT');
    if (info.changes > 0) this.wireIds?.set(entry.wireId, entry.clientOrderId);
    return { entry, created: info.changes > 0 };
  }

  /**
   * Records what the exchange said. A terminal status is never reopened and `filled` never shrinks, because answers
   * can arrive out of order (a slow create reply after a cancel); reconciliation passes `force` to overrule that.
   */
  recordAnswer(clientOrderId: string, answer: OrderAnswer, force = false): JournalEntry {
    const row = this.require(clientOrderId);
    let status = answer.status ?? row.status;
    if (!force && isTerminal(row.status) && !isTerminal(status)) status = row.status;
    const filled = force ? (answer.filled ?? row.filled) : Math.max(row.filled, answer.filled ?? 0);
    const average = answer.averagePrice === undefined ? row.averagePrice : answer.averagePrice;
    const lastError = answer.lastError === undefined ? row.lastError : answer.lastError;
    const exchangeId = answer.exchangeOrderId ?? row.exchangeOrderId;
    this.write(() => this.st.update.run(exchangeId, status, filled, average, lastError, this.now(), clientOrderId));
    return this.require(clientOrderId);
  }

  /** Inserts a fill once; returns false when (order, trade id) was already recorded. */
  recordFill(clientOrderId: string, fill: JournalFill): boolean {
    const row = this.require(clientOrderId);
    const info = this.write(() => this.st.fill.run(row.id, fill.tradeId, fill.time, fill.price, fill.amount, fill.fee, fill.feeCurrency));
    return info.changes > 0;
  }

  get(clientOrderId: string): JournalEntry | undefined {
    const row = this.st.get.get(clientOrderId) as OrderRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** The entry the exchange knows by this newClientOrderId (hashed ids are mapped back). */
  getByWireId(wireId: string): JournalEntry | undefined {
    if (!this.wireIds) this.wireIds = this.loadWireIds();
    const clientOrderId = this.wireIds.get(wireId);
    return clientOrderId === undefined ? undefined : this.get(clientOrderId);
  }

  /** Exchange ids are unique per market on most venues, so pass the symbol when it is known. */
  getByExchangeId(exchangeOrderId: string, symbol?: string): JournalEntry | undefined {
    const s = symbol ?? null;
    const row = this.st.byExchange.get(exchangeOrderId, s, s) as OrderRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Entries the exchange may still act on: pending (answer unknown), open and partially filled. */
  openEntries(): JournalEntry[] {
    return (this.st.open.all() as OrderRow[]).map(fromRow);
  }

  entries(): JournalEntry[] {
    return (this.db.prepare('SELECT * FROM orders ORDER BY created_at, id').all() as OrderRow[]).map(fromRow);
  }

  fills(): JournalFillRow[] {
    return (this.st.fills.all() as FillRow[]).map(fillFromRow);
  }

  /**
   * Entries whose recorded fills add up to less than their filled amount: an answer was written but the app stopped
   * (or a request failed) before its trades were. Reconciliation fetches their trades.
   */
  entriesMissingFills(): JournalEntry[] {
    const rows = this.db.prepare(`SELECT o.* FROM orders o WHERE o.filled > 1e-12 + (SELECT COALESCE(SUM(f.amount), 0)
      FROM fills f WHERE f.order_id = o.id) * (1 + 1e-9) ORDER BY o.created_at, o.id`).all() as OrderRow[];
    return rows.map(fromRow);
  }

  /** Runs `work` in one SQLite transaction (an answer and its fills land together or not at all). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** Sum of the recorded fills of one order, to see whether the journal misses any. */
  filledFromFills(clientOrderId: string): number {
    const row = this.db.prepare(`SELECT COALESCE(SUM(f.amount), 0) AS total FROM fills f JOIN orders o ON o.id = f.order_id
      WHERE o.client_order_id = ?`).get(clientOrderId) as { total: number };
    return row.total;
  }

  private require(clientOrderId: string): JournalEntry {
    const entry = this.get(clientOrderId);
    if (!entry) throw new StorageError(`no journal entry for ${clientOrderId}`, 'JOURNAL_MISSING', { field: 'clientOrderId', value: clientOrderId });
    return entry;
  }

  private loadWireIds(): Map<string, string> {
    const ids = this.db.prepare('SELECT client_order_id AS id FROM orders').all() as { id: string }[];
    return new Map(ids.map(({ id }) => [wireClientId(id), id]));
  }

  private write<T>(work: () => T): T {
    try {
      return work();
    } catch (err) {
      throw new StorageError(`order journal write failed: ${(err as Error).message}`, 'JOURNAL_WRITE_FAILED', {}, { cause: err });
    }
  }
}
