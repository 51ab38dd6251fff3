// Account equity samples in SQLite (schema v8): written as the engine takes them, read back at start-up so the live
// performance of an account survives a restart; only the newest samples the history keeps are kept here too.
import type { Database, Statement } from 'better-sqlite3';

export interface StoredEquity {
  time: number[];
  equity: number[];
}

export class EquityRepository {
  private readonly upsert: Statement<[string, number, number]>;
  private readonly trim: Statement<[string, number]>;

  constructor(private readonly db: Database) {
    this.upsert = db.prepare('INSERT INTO account_equity (account, time, equity) VALUES (?, ?, ?) ON CONFLICT (account, time) DO UPDATE SET equity = excluded.equity');
    this.trim = db.prepare('DELETE FROM account_equity WHERE account = ? AND time < ?');
  }

  /** The newest `capacity` samples of every account, oldest first. */
  load(capacity: number): Map<string, StoredEquity> {
    const rows = this.db
      .prepare(`SELECT account, time, equity FROM (
          SELECT account, time, equity, ROW_NUMBER() OVER (PARTITION BY account ORDER BY time DESC) AS age FROM account_equity
        ) WHERE age <= ? ORDER BY account, time`)
      .all(capacity) as { account: string; time: number; equity: number }[];
    const out = new Map<string, StoredEquity>();
    for (const r of rows) {
      let s = out.get(r.account);
      if (!s) out.set(r.account, (s = { time: [], equity: [] }));
      s.time.push(r.time);
      s.equity.push(r.equity);
    }
    return out;
  }

  save(account: string, time: number, equity: number): void {
    this.upsert.run(account, time, equity);
  }

  /** Forgets an account's samples before `time` (the history dropped them). */
  dropBefore(account: string, time: number): void {
    this.trim.run(account, time);
  }
}
