// The read side of `quorum trade list|status`: sessions as stored, and what each holds from its own fills in the
// account's order journal (the attribution the app's books start from). Safe while the app runs (SQLite WAL).
import type { Database } from 'better-sqlite3';
import { AccountsRepository, type AccountRow } from '../../accounts/accounts-repo';
import { SessionsRepository, type SessionRow } from '../../accounts/sessions-repo';
import { attributedPositions, OrderJournal, type AttributedPosition, type JournalEntry } from '../../execution/journal';
import { KillSwitchStore } from '../../risk/kill-switch-store';
import type { KillSwitchState } from '../../risk/kill-switch-types';
import { isoTime } from '../format';
import { qty } from './trading-host';

export interface AccountBooks {
  row: AccountRow;
  positions: AttributedPosition[];
  open: JournalEntry[];
  fills: number;
}

export class Books {
  readonly accounts = new Map<string, AccountBooks>();
  readonly sessions: SessionRow[];
  readonly killSwitch: KillSwitchState;

  constructor(readonly db: Database) {
    for (const row of new AccountsRepository(db).list()) {
      const journal = new OrderJournal(db, { account: row.id });
      const fills = journal.fills();
      this.accounts.set(row.id, { row, positions: attributedPositions(fills), open: journal.openEntries(), fills: fills.length });
    }
    this.sessions = new SessionsRepository(db).list();
    this.killSwitch = new KillSwitchStore(db).load();
  }

  session(id: number): SessionRow | undefined {
    return this.sessions.find((s) => s.id === id);
  }

  quoteOf(s: SessionRow): string {
    return this.accounts.get(s.accountId)?.row.quote ?? '';
  }

  /** What the session holds through its own fills (one symbol per session). */
  positionOf(s: SessionRow): AttributedPosition | undefined {
    return this.accounts.get(s.accountId)?.positions.find((p) => p.sessionId === s.id && p.symbol === s.request.symbol);
  }

  openOrdersOf(s: SessionRow): JournalEntry[] {
    return this.accounts.get(s.accountId)?.open.filter((o) => o.sessionId === s.id) ?? [];
  }

  /** Holdings no session owns (orders from before sessions, or a session's other symbols). */
  unowned(): { account: string; position: AttributedPosition }[] {
    const owned = new Set(this.sessions.map((s) => `${s.accountId}|${s.id}|${s.request.symbol}`));
    return [...this.accounts.values()].flatMap((a) => a.positions
      .filter((p) => !owned.has(`${a.row.id}|${p.sessionId}|${p.symbol}`))
      .map((position) => ({ account: a.row.id, position })));
  }
}

export function positionText(p: AttributedPosition | undefined): string {
  if (!p) return 'flat';
  const base = p.symbol.split('/')[0];
  return `${p.size > 0 ? '' : 'short '}${qty(Math.abs(p.size))} ${base} @ ${qty(p.entryPrice)}`;
}

export function killSwitchText(ks: KillSwitchState): string {
  if (!ks.isTripped) return 'armed (not tripped)';
  return `LATCHED ${ks.mode} since ${isoTime(ks.trippedAt ?? 0)} by ${ks.source}: ${ks.reason}`;
}

export function orderText(o: Pick<JournalEntry, 'side' | 'amount' | 'symbol' | 'type' | 'price' | 'status'> & { id?: number | string }): string {
  return `${o.side} ${qty(o.amount)} ${o.symbol} ${o.type}${o.price ? ` @ ${qty(o.price)}` : ''} (${o.status})`;
}
