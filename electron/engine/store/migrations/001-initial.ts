// Schema v1: instruments, columnar candle blocks, runs, orders, fills, positions, decisions (votes inline), alerts, settings.
import type { Migration } from './types';

export const initial: Migration = {
  version: 1,
  name: 'initial schema',
  sql: `
CREATE TABLE instruments (
  id INTEGER PRIMARY KEY,
  exchange TEXT NOT NULL,
  symbol TEXT NOT NULL,
  base TEXT,
  quote TEXT,
  price_step REAL,
  amount_step REAL,
  min_amount REAL,
  min_notional REAL,
  UNIQUE (exchange, symbol)
);

-- One row per (instrument, timeframe); candles themselves live in packed blocks, one row per time block.
CREATE TABLE candle_series (
  id INTEGER PRIMARY KEY,
  instrument_id INTEGER NOT NULL REFERENCES instruments(id) ON DELETE CASCADE,
  timeframe TEXT NOT NULL,
  first_time INTEGER,
  last_time INTEGER,
  rows INTEGER NOT NULL DEFAULT 0,
  UNIQUE (instrument_id, timeframe)
);

CREATE TABLE candle_blocks (
  series_id INTEGER NOT NULL REFERENCES candle_series(id) ON DELETE CASCADE,
  block_start INTEGER NOT NULL,
  rows INTEGER NOT NULL,
  first_time INTEGER NOT NULL,
  last_time INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (series_id, block_start)
) WITHOUT ROWID;

CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('backtest', 'paper', 'live')),
  strategy TEXT NOT NULL,
  params TEXT NOT NULL DEFAULT '{}',
  symbol TEXT,
  timeframe TEXT,
  status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'finished', 'failed', 'cancelled')),
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  stats TEXT
);

CREATE TABLE decisions (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  time INTEGER NOT NULL,
  symbol TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('buy', 'sell', 'hold', 'exit')),
  score REAL NOT NULL,
  alignment TEXT,
  veto TEXT,
  votes TEXT NOT NULL,
  UNIQUE (run_id, symbol, time)
);

CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  run_id INTEGER REFERENCES runs(id) ON DELETE CASCADE,
  decision_id INTEGER REFERENCES decisions(id) ON DELETE SET NULL,
  client_order_id TEXT NOT NULL UNIQUE,
  exchange_order_id TEXT,
  symbol TEXT NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
  type TEXT NOT NULL,
  amount REAL NOT NULL,
  price REAL,
  stop_price REAL,
  reduce_only INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  filled REAL NOT NULL DEFAULT 0,
  average_price REAL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  last_error TEXT
);
CREATE INDEX orders_by_status ON orders(status);

CREATE TABLE fills (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  trade_id TEXT,
  time INTEGER NOT NULL,
  price REAL NOT NULL,
  amount REAL NOT NULL,
  fee REAL NOT NULL DEFAULT 0,
  fee_currency TEXT,
  UNIQUE (order_id, trade_id)
);

CREATE TABLE positions (
  id INTEGER PRIMARY KEY,
  run_id INTEGER REFERENCES runs(id) ON DELETE CASCADE,
  symbol TEXT NOT NULL,
  size REAL NOT NULL,
  entry_price REAL NOT NULL,
  opened_at INTEGER NOT NULL,
  closed_at INTEGER,
  exit_price REAL,
  realized_pnl REAL,
  fees REAL NOT NULL DEFAULT 0
);
CREATE INDEX positions_open ON positions(run_id, symbol) WHERE closed_at IS NULL;

CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('info', 'warning', 'critical')),
  source TEXT NOT NULL,
  message TEXT NOT NULL,
  details TEXT
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
`,
};
