// One line per account for `quorum db info`: mode, open orders, positions held through Quorum, sessions — read-only.
import type { Database } from 'better-sqlite3';
import { OrderJournal, attributedPositions } from '../execution/journal';
import { AccountsRepository } from './accounts-repo';
import { SessionsRepository } from './sessions-repo';

export interface AccountSummary {
  id: string;
  line: string;
}

export function accountSummaries(db: Database): AccountSummary[] {
  const sessions = new SessionsRepository(db).list();
  return new AccountsRepository(db).list().map((a) => {
    const journal = new OrderJournal(db, { account: a.id });
    const positions = attributedPositions(journal.fills());
    const bySymbol = new Map<string, number>();
    for (const p of positions) bySymbol.set(p.symbol, (bySymbol.get(p.symbol) ?? 0) + p.size);
    const held = [...bySymbol].filter(([, size]) => Math.abs(size) > 1e-9).map(([symbol, size]) => `${symbol} ${Number(size.toPrecision(10))}`);
    const mine = sessions.filter((s) => s.accountId === a.id);
    const active = mine.filter((s) => s.status !== 'stopped').length;
    const cash = a.mode === 'paper' ? `, paper cash ${a.paperCash ?? 0} ${a.quote}` : '';
    return {
      id: a.id,
      line: `${a.id} (${a.mode}${cash}): ${journal.openEntries().length} open order(s), positions ${held.length ? held.join(', ') : 'none'}, ` +
        `${mine.length} session(s) (${active} running or paused)`,
    };
  });
}
