// The order journal: every intent is written to SQLite before it is sent, then every answer and fill is recorded.
import type { Database, Statement } from 'better-sqlite3';
import { StorageError } from '../../errors';
import type { OrderIntent, OrderStatus } from '../../model/order';
import { wireClientId } from './client-id';
import { fromRow, fillFromRow, type FillRow, type OrderRow } from './rows';
import { isTerminal, OPEN_STATUS_SQL, type JournalEntry, type JournalFill, type JournalFillRow, type OrderAnswer } from './types';

export interface JournalOptions {
  /**
   * The account whose orders this journal sees (accounts.id, e.g. 'live:binance'). Every read is scoped to it, so a
   * backtest's orders (account NULL, kept by run) or another account's never reach a broker's books.
   */
  account: string;
  /** runs.id the orders belong to (null: not tied to a run). */
  runId?: number | null;
  now?: () => number;
}

export interface IntentExtras {
  decisionId?: number | null;
  status?: OrderStatus;
  lastError?: string | null;
}

const OPEN_SQL = `status IN (${OPEN_STATUS_SQL})`;
const MINE = 'account_id = @account';

/** The scope must exist as an accounts row (orders reference it); "<mode>:<profile>" says what it is. */
function validScope(account: string): { mode: string; profile: string } {
  const cut = account.indexOf(':');
  const mode = account.slice(0, cut);
  if (cut < 0 || (mode !== 'paper' && mode !== 'live')) {
    throw new StorageError(`journal scope must be an account id such as 'live:binance', got '${account}'`, 'JOURNAL_SCOPE_INVALID', { field: 'account', value: account });
  }
  return { mode, profile: account.slice(cut + 1) };
}

/** Written with the first order, not when the journal opens: opening an account that then fails must leave no row. */
function ensureAccountRow(db: Database, account: string, now: number): void {
  const { mode, profile } = validScope(account);
  db.prepare('INSERT INTO accounts (id, profile, mode, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING').run(account, profile, mode, now);
}

export class OrderJournal {
  readonly account: string;
  private readonly runId: number | null;
  private readonly now: () => number;
  private readonly st: Record<'insert' | 'get' | 'byExchange' | 'update' | 'fill' | 'fills' | 'open' | 'all' | 'missing' | 'wire', Statement>;
  private wireIds: Map<string, string> | undefined;
  private rowEnsured = false;

  constructor(readonly db: Database, options: JournalOptions) {
    this.account = options.account;
    this.runId = options.runId ?? null;
    this.now = options.now ?? Date.now;
    validScope(options.account);
    this.st = {
      insert: db.prepare(`INSERT INTO orders (account_id, session_id, role, run_id, decision_id, client_order_id, symbol, side,
        type, amount, price, stop_price, reduce_only, status, filled, created_at, updated_at, last_error)
        VALUES (@account, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?) ON CONFLICT (client_order_id) DO NOTHING`),
      get: db.prepare(`SELECT * FROM orders WHERE client_order_id = ? AND ${MINE}`),
      byExchange: db.prepare(`SELECT * FROM orders WHERE exchange_order_id = ? AND (? IS NULL OR symbol = ?) AND ${MINE}
        ORDER BY id DESC LIMIT 1`),
      update: db.prepare(`UPDATE orders SET exchange_order_id = ?, status = ?, filled = ?, average_price = ?,
        last_error = ?, updated_at = ? WHERE client_order_id = ? AND ${MINE}`),
      fill: db.prepare(`INSERT INTO fills (order_id, trade_id, time, price, amount, fee, fee_currency)
        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (order_id, trade_id) DO NOTHING`),
      fills: db.prepare(`SELECT f.*, o.client_order_id, o.symbol, o.side, o.exchange_order_id, o.session_id FROM fills f
        JOIN orders o ON o.id = f.order_id WHERE o.${MINE} ORDER BY f.time, f.id`),
      open: db.prepare(`SELECT * FROM orders WHERE ${OPEN_SQL} AND ${MINE} ORDER BY created_at, id`),
      all: db.prepare(`SELECT * FROM orders WHERE ${MINE} ORDER BY created_at, id`),
      missing: db.prepare(`SELECT o.* FROM orders o WHERE o.${MINE} AND o.filled > 1e-12 + (SELECT COALESCE(SUM(f.amount), 0)
        FROM fills f WHERE f.order_id = o.id) * (1 + 1e-9) ORDER BY o.created_at, o.id`),
      wire: db.prepare(`SELECT client_order_id AS id FROM orders WHERE ${MINE}`),
    };
  }

  private get scope(): { account: string } {
    return { account: this.account };
  }

  /**
   * Writes the intent as 'pending' before anything is sent. Idempotent: a second call with the same client order id
   * returns the row already there (created = false), which is how a retried decision finds its earlier attempt.
   */
  recordIntent(intent: OrderIntent, extras: IntentExtras = {}): { entry: JournalEntry; created: boolean } {
    const now = this.now();
    if (!this.rowEnsured) {
      ensureAccountRow(this.db, this.account, now);
      this.rowEnsured = true;
    }
    const info = this.write(() => this.st.insert.run(this.scope, intent.sessionId ?? null, intent.reason ?? null, this.runId, extras.decisionId ?? null, intent.clientOrderId,
      intent.symbol, intent.side, intent.type, intent.amount, intent.price ?? null, intent.stopPrice ?? null,
      intent.reduceOnly ? 1 : 0, extras.status ?? 'pending', now, now, extras.lastError ?? null));
    const entry = this.get(intent.clientOrderId);
    // The client id exists but not in this account: another account's (or a backtest's) order with the same id.
    if (!entry) throw new StorageError(`journal lost order ${intent.clientOrderId} (or it belongs to another account)`, 'JOURNAL_INCONSISTENT');
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
    this.write(() => this.st.update.run(this.scope, exchangeId, status, filled, average, lastError, this.now(), clientOrderId));
    return this.require(clientOrderId);
  }

  /** Inserts a fill once; returns false when (order, trade id) was already recorded. */
  recordFill(clientOrderId: string, fill: JournalFill): boolean {
    const row = this.require(clientOrderId);
    const info = this.write(() => this.st.fill.run(row.id, fill.tradeId, fill.time, fill.price, fill.amount, fill.fee, fill.feeCurrency));
    return info.changes > 0;
  }

  get(clientOrderId: string): JournalEntry | undefined {
    const row = this.st.get.get(this.scope, clientOrderId) as OrderRow | undefined;
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
    const row = this.st.byExchange.get(this.scope, exchangeOrderId, s, s) as OrderRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Entries the exchange may still act on: pending (answer unknown), open and partially filled. */
  openEntries(): JournalEntry[] {
    return (this.st.open.all(this.scope) as OrderRow[]).map(fromRow);
  }

  entries(): JournalEntry[] {
    return (this.st.all.all(this.scope) as OrderRow[]).map(fromRow);
  }

  fills(): JournalFillRow[] {
    return (this.st.fills.all(this.scope) as FillRow[]).map(fillFromRow);
  }

  /** The newest fill's row id (0 when none): a balance snapshot remembers it to add only later fills. */
  lastFillId(): number {
    const row = this.db.prepare(`SELECT COALESCE(MAX(f.id), 0) AS id FROM fills f JOIN orders o ON o.id = f.order_id WHERE o.${MINE}`)
      .get(this.scope) as { id: number };
    return row.id;
  }

  /** Fills recorded after row id `afterId`. */
  fillsAfter(afterId: number): JournalFillRow[] {
    return (this.db.prepare(`SELECT f.*, o.client_order_id, o.symbol, o.side, o.exchange_order_id, o.session_id FROM fills f
      JOIN orders o ON o.id = f.order_id WHERE o.${MINE} AND f.id > ? ORDER BY f.id`).all(this.scope, afterId) as FillRow[]).map(fillFromRow);
  }

  /**
   * Entries whose recorded fills add up to less than their filled amount: an answer was written but the app stopped
   * (or a request failed) before its trades were. Reconciliation fetches their trades.
   */
  entriesMissingFills(): JournalEntry[] {
    return (this.st.missing.all(this.scope) as OrderRow[]).map(fromRow);
  }

  /** Runs `work` in one SQLite transaction (an answer and its fills land together or not at all). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** Sum of the recorded fills of one order, to see whether the journal misses any. */
  filledFromFills(clientOrderId: string): number {
    const row = this.db.prepare(`SELECT COALESCE(SUM(f.amount), 0) AS total FROM fills f JOIN orders o ON o.id = f.order_id
      WHERE o.client_order_id = ? AND o.${MINE}`).get(this.scope, clientOrderId) as { total: number };
    return row.total;
  }

  private require(clientOrderId: string): JournalEntry {
    const entry = this.get(clientOrderId);
    if (!entry) throw new StorageError(`no journal entry for ${clientOrderId}`, 'JOURNAL_MISSING', { field: 'clientOrderId', value: clientOrderId });
    return entry;
  }

  private loadWireIds(): Map<string, string> {
    const ids = this.st.wire.all(this.scope) as { id: string }[];
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
