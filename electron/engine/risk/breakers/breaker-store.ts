// Reads and writes breaker_state rows: a trip is on disk before anyone hears of it, and survives a restart.
import type { Database } from 'better-sqlite3';
import type { BreakerState } from './types';

interface Row {
  name: string;
  tripped: number;
  tripped_at: number | null;
  reason: string | null;
  rearm_at: number | null;
}

export class BreakerStore {
  constructor(private readonly db: Database) {}

  load(): Map<string, BreakerState> {
    const rows = this.db.prepare('SELECT name, tripped, tripped_at, reason, rearm_at FROM breaker_state').all() as Row[];
    return new Map(rows.map((r) => [r.name, fromRow(r)]));
  }

  save(state: BreakerState): void {
    this.db
      .prepare(
        `INSERT INTO breaker_state (name, tripped, tripped_at, reason, rearm_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET tripped = excluded.tripped, tripped_at = excluded.tripped_at,
           reason = excluded.reason, rearm_at = excluded.rearm_at`,
      )
      .run(state.name, state.isTripped ? 1 : 0, state.trippedAt ?? null, state.reason ?? null, state.rearmAt ?? null);
  }
}

function fromRow(r: Row): BreakerState {
  const state: BreakerState = { name: r.name, isTripped: r.tripped === 1 };
  if (r.tripped_at !== null) state.trippedAt = r.tripped_at;
  if (r.reason !== null) state.reason = r.reason;
  if (r.rearm_at !== null) state.rearmAt = r.rearm_at;
  return state;
}
