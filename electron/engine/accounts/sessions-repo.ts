// The sessions table: what the trader started on an account (symbol × timeframe × strategy), its budget and state.
import type { Database } from 'better-sqlite3';
import type { SessionRequest } from './session-request';

export type SessionStatus = 'running' | 'paused' | 'stopped';

export interface SessionRow {
  id: number;
  accountId: string;
  request: SessionRequest;
  budget: number;
  status: SessionStatus;
  resumeOnStart: boolean;
  stopReason: string | null;
  runId: number | null;
  createdAt: number;
  updatedAt: number;
}

interface Raw {
  id: number;
  account_id: string;
  request: string;
  budget: number;
  status: SessionStatus;
  resume_on_start: number;
  stop_reason: string | null;
  run_id: number | null;
  created_at: number;
  updated_at: number;
}

const toRow = (r: Raw): SessionRow => ({
  id: r.id, accountId: r.account_id, request: JSON.parse(r.request) as SessionRequest, budget: r.budget, status: r.status,
  resumeOnStart: r.resume_on_start === 1, stopReason: r.stop_reason, runId: r.run_id, createdAt: r.created_at, updatedAt: r.updated_at,
});

export class SessionsRepository {
  constructor(private readonly db: Database, private readonly now: () => number = Date.now) {}

  create(accountId: string, request: SessionRequest, budget: number): SessionRow {
    const t = this.now();
    const info = this.db.prepare(`INSERT INTO sessions (account_id, symbol, timeframe, strategy, request, budget, status,
      resume_on_start, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?)`)
      .run(accountId, request.symbol, request.timeframe, request.strategy, JSON.stringify(request), budget, request.resumeOnStart ? 1 : 0, t, t);
    return this.get(Number(info.lastInsertRowid)) as SessionRow;
  }

  /** Starts a stopped session again (see `previous`), with the trader's new request and budget. */
  reopen(id: number, request: SessionRequest, budget: number): SessionRow {
    this.db.prepare(`UPDATE sessions SET request = ?, budget = ?, status = 'running', stop_reason = NULL, resume_on_start = ?,
      updated_at = ? WHERE id = ?`).run(JSON.stringify(request), budget, request.resumeOnStart ? 1 : 0, this.now(), id);
    return this.get(id) as SessionRow;
  }

  /**
   * The last stopped session trading the same market with the same strategy on this account: starting it again
   * reopens it, so its books (position, cash) carry on from its own fills instead of starting flat.
   */
  previous(accountId: string, request: SessionRequest): SessionRow | undefined {
    const raw = this.db.prepare(`SELECT * FROM sessions WHERE account_id = ? AND symbol = ? AND timeframe = ? AND strategy = ?
      AND status = 'stopped' ORDER BY id DESC LIMIT 1`).get(accountId, request.symbol, request.timeframe, request.strategy) as Raw | undefined;
    return raw && toRow(raw);
  }

  get(id: number): SessionRow | undefined {
    const raw = this.db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as Raw | undefined;
    return raw && toRow(raw);
  }

  list(accountId?: string): SessionRow[] {
    const rows = accountId === undefined
      ? this.db.prepare('SELECT * FROM sessions ORDER BY id').all()
      : this.db.prepare('SELECT * FROM sessions WHERE account_id = ? ORDER BY id').all(accountId);
    return (rows as Raw[]).map(toRow);
  }

  /** The latest `limit` sessions, newest first. */
  recent(limit: number): SessionRow[] {
    return (this.db.prepare('SELECT * FROM sessions ORDER BY id DESC LIMIT ?').all(limit) as Raw[]).map(toRow);
  }

  /** Sessions the trader marked "resume on start" that were still running or paused when the app stopped. */
  resumable(): SessionRow[] {
    return (this.db.prepare("SELECT * FROM sessions WHERE resume_on_start = 1 AND status <> 'stopped' ORDER BY id").all() as Raw[]).map(toRow);
  }

  setStatus(id: number, status: SessionStatus, stopReason: string | null = null): void {
    this.db.prepare('UPDATE sessions SET status = ?, stop_reason = ?, updated_at = ? WHERE id = ?').run(status, stopReason, this.now(), id);
  }

  setRun(id: number, runId: number): void {
    this.db.prepare('UPDATE sessions SET run_id = ?, updated_at = ? WHERE id = ?').run(runId, this.now(), id);
  }
}
