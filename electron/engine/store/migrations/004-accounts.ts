// Schema v4: accounts (exchange profile × paper|live) own their journal scope, sessions and breaker state; backtest
// orders stay with their run (account_id NULL) so no account ever reads them.
import type { Migration } from './types';

export const accounts: Migration = {
  version: 4,
  name: 'accounts, sessions, scoped breakers',
  sql: `
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  profile TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('paper', 'live')),
  quote TEXT NOT NULL DEFAULT 'USDT',
  -- A paper account's starting cash: its balances are this plus every fill of its journal, across restarts.
  paper_cash REAL,
  created_at INTEGER NOT NULL,
  UNIQUE (profile, mode)
);

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  symbol TEXT NOT NULL,
  timeframe TEXT NOT NULL,
  strategy TEXT NOT NULL,
  request TEXT NOT NULL,
  budget REAL NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'paused', 'stopped')),
  resume_on_start INTEGER NOT NULL DEFAULT 0,
  stop_reason TEXT,
  run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_account ON sessions(account_id, status);

ALTER TABLE orders ADD COLUMN account_id TEXT REFERENCES accounts(id);
ALTER TABLE orders ADD COLUMN session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL;
-- entry | exit | flatten | stop-loss | take-profit (NULL for backtest and older rows)
ALTER TABLE orders ADD COLUMN role TEXT;
CREATE INDEX orders_by_account ON orders(account_id, status);

-- Orders written before accounts existed: a backtest's stay with its run; every other order belonged to the one
-- desk, on the default exchange. Paper orders carry their client id as exchange id (the paper venue's rule).
INSERT INTO accounts (id, profile, mode, created_at)
  SELECT DISTINCT CASE WHEN o.exchange_order_id IS NULL OR o.exchange_order_id = o.client_order_id
    THEN 'paper:binance' ELSE 'live:binance' END, 'binance',
    CASE WHEN o.exchange_order_id IS NULL OR o.exchange_order_id = o.client_order_id THEN 'paper' ELSE 'live' END,
    CAST(strftime('%s', 'now') AS INTEGER) * 1000
  FROM orders o LEFT JOIN runs r ON r.id = o.run_id
  WHERE r.kind IS NULL OR r.kind <> 'backtest';
UPDATE orders SET account_id = CASE WHEN exchange_order_id IS NULL OR exchange_order_id = client_order_id
    THEN 'paper:binance' ELSE 'live:binance' END
  WHERE run_id IS NULL OR run_id NOT IN (SELECT id FROM runs WHERE kind = 'backtest');

-- Breakers now belong to a scope (an account id, or 'global'); their measurements (drawdown peak, day-start
-- equity, loss streak) persist so a restart does not forget a loss.
CREATE TABLE breaker_state_v4 (
  scope TEXT NOT NULL DEFAULT 'global',
  name TEXT NOT NULL,
  tripped INTEGER NOT NULL DEFAULT 0,
  tripped_at INTEGER,
  reason TEXT,
  rearm_at INTEGER,
  measures TEXT,
  PRIMARY KEY (scope, name)
);
INSERT INTO breaker_state_v4 (scope, name, tripped, tripped_at, reason, rearm_at)
  SELECT 'global', name, tripped, tripped_at, reason, rearm_at FROM breaker_state;
DROP TABLE breaker_state;
ALTER TABLE breaker_state_v4 RENAME TO breaker_state;
`,
};
