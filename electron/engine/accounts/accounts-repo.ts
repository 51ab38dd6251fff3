// The accounts table: which (profile, mode) pairs exist, their quote currency and a paper account's starting cash.
import type { Database } from 'better-sqlite3';
import { accountId, type AccountMode, type AccountRef } from './account-id';

export interface AccountRow extends AccountRef {
  id: string;
  quote: string;
  /** Paper only: balances are this plus every fill of the account's journal. */
  paperCash: number | null;
  createdAt: number;
}

interface Raw {
  id: string;
  profile: string;
  mode: AccountMode;
  quote: string;
  paper_cash: number | null;
  created_at: number;
}

const toRow = (r: Raw): AccountRow => ({ id: r.id, profile: r.profile, mode: r.mode, quote: r.quote, paperCash: r.paper_cash, createdAt: r.created_at });

export class AccountsRepository {
  constructor(private readonly db: Database, private readonly now: () => number = Date.now) {}

  /** An account as `ensure` would create it, not yet stored: it is stored once it has opened. */
  draft(ref: AccountRef, paperCash?: number): AccountRow {
    const cash = ref.mode === 'paper' ? (paperCash ?? 10_000) : null;
    return { id: accountId(ref), profile: ref.profile, mode: ref.mode, quote: 'USDT', paperCash: cash, createdAt: this.now() };
  }

  /** The account, created on first use; a paper account keeps the cash it was first given. */
  ensure(ref: AccountRef, paperCash?: number): AccountRow {
    const id = accountId(ref);
    const cash = ref.mode === 'paper' ? (paperCash ?? 10_000) : null;
    this.db.prepare(`INSERT INTO accounts (id, profile, mode, paper_cash, created_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (id) DO NOTHING`).run(id, ref.profile, ref.mode, cash, this.now());
    // Accounts migrated from before v4 have no paper cash yet.
    if (cash !== null) this.db.prepare('UPDATE accounts SET paper_cash = ? WHERE id = ? AND paper_cash IS NULL').run(cash, id);
    return this.get(id) as AccountRow;
  }

  get(id: string): AccountRow | undefined {
    const raw = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as Raw | undefined;
    return raw && toRow(raw);
  }

  list(): AccountRow[] {
    return (this.db.prepare('SELECT * FROM accounts ORDER BY id').all() as Raw[]).map(toRow);
  }

  /** Accounts the safety net must watch at start: open orders, any fills (a position may be held), or sessions to resume. */
  withActivity(): AccountRow[] {
    const rows = this.db.prepare(`SELECT a.* FROM accounts a WHERE
      EXISTS (SELECT 1 FROM orders o WHERE o.account_id = a.id AND o.status IN ('pending', 'open', 'partially-filled'))
      OR EXISTS (SELECT 1 FROM orders o JOIN fills f ON f.order_id = o.id WHERE o.account_id = a.id)
      OR EXISTS (SELECT 1 FROM sessions s WHERE s.account_id = a.id AND s.resume_on_start = 1 AND s.status <> 'stopped')
      ORDER BY a.id`).all() as Raw[];
    return rows.map(toRow);
  }
}
