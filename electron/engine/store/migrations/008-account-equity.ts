// Schema v8: each open account's equity as the engine samples it (every decision and health run), so the live
// Sharpe ratio and drawdown per account carry on across restarts instead of starting again from nothing.
import type { Migration } from './types';

export const accountEquity: Migration = {
  version: 8,
  name: 'account equity samples',
  sql: `
CREATE TABLE account_equity (
  account TEXT NOT NULL,
  time INTEGER NOT NULL,
  equity REAL NOT NULL,
  PRIMARY KEY (account, time)
) WITHOUT ROWID;
`,
};
