// Schema v3: a backtest's exact results (stats with NaN/Infinity kept, trades, the full equity curve as packed doubles).
import type { Migration } from './types';

export const backtestResults: Migration = {
  version: 3,
  name: 'backtest results',
  sql: `
CREATE TABLE backtest_results (
  run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  stats TEXT NOT NULL,
  trades TEXT NOT NULL,
  time BLOB NOT NULL,
  equity BLOB NOT NULL
);
`,
};
