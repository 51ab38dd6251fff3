// Schema v2: persisted circuit-breaker and kill-switch state (both must survive a restart), alert acknowledgement.
import type { Migration } from './types';

export const safetyState: Migration = {
  version: 2,
  name: 'breaker and kill-switch state',
  sql: `
CREATE TABLE breaker_state (
  name TEXT PRIMARY KEY,
  tripped INTEGER NOT NULL DEFAULT 0,
  tripped_at INTEGER,
  reason TEXT,
  rearm_at INTEGER
);

-- A single row: the kill switch is latched until the trader re-arms it.
CREATE TABLE kill_switch (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  mode TEXT CHECK (mode IN ('stop-entries', 'halt', 'flatten')),
  latched INTEGER NOT NULL DEFAULT 0,
  tripped_at INTEGER,
  reason TEXT,
  source TEXT
);
INSERT INTO kill_switch (id, latched) VALUES (1, 0);

ALTER TABLE alerts ADD COLUMN acknowledged_at INTEGER;
`,
};
