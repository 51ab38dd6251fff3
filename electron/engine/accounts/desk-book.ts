// The Desk page's books, read from the order journal and the sessions table: every account's orders and fills
// (never a backtest's: those have no account), newest first and bounded, and the sessions the trader started.
import type { Database } from 'better-sqlite3';
import type { DeskFill, DeskOrder, DeskSessionRow } from '../../../shared/desk-book-contract';
import { OPEN_STATUS_SQL } from '../execution/journal/types';
import type { SessionsRepository } from './sessions-repo';

const ORDER_COLUMNS = `id, account_id AS account, session_id AS sessionId, symbol, side, type, amount, price, stop_price AS stopPrice,
  status, filled, average_price AS averagePrice, role, created_at AS createdAt, updated_at AS updatedAt, last_error AS lastError`;

export class DeskBook {
  constructor(private readonly db: Database, private readonly sessions: SessionsRepository) {}

  orders(limit: number, openOnly: boolean): DeskOrder[] {
    const open = openOnly ? `AND status IN (${OPEN_STATUS_SQL})` : '';
    return this.db.prepare(`SELECT ${ORDER_COLUMNS} FROM orders WHERE account_id IS NOT NULL ${open}
      ORDER BY created_at DESC, id DESC LIMIT ?`).all(limit) as DeskOrder[];
  }

  /** Every account's fills, or one session's (`sessionId`). */
  fills(limit: number, sessionId?: number): DeskFill[] {
    const session = sessionId === undefined ? '' : 'AND o.session_id = ?';
    return this.db.prepare(`SELECT f.id, f.order_id AS orderId, o.account_id AS account, o.session_id AS sessionId, o.symbol, o.side,
      o.role, f.time, f.price, f.amount, f.fee, f.fee_currency AS feeCurrency
      FROM fills f JOIN orders o ON o.id = f.order_id WHERE o.account_id IS NOT NULL ${session}
      ORDER BY f.time DESC, f.id DESC LIMIT ?`).all(...(sessionId === undefined ? [] : [sessionId]), limit) as DeskFill[];
  }

  /** The latest sessions, stopped ones included (the Sessions tab offers to start them again). */
  recentSessions(limit: number): DeskSessionRow[] {
    return this.sessions.recent(limit).map((r) => ({
      id: r.id, account: r.accountId, request: r.request, budget: r.budget, status: r.status, resumeOnStart: r.resumeOnStart,
      stopReason: r.stopReason, runId: r.runId, updatedAt: r.updatedAt,
    }));
  }
}
