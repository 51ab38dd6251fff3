// Reads and writes breaker_state rows: a trip is on disk before anyone hears of it, and survives a restart, as do
// the breakers' measures (the measures column, JSON).
import type { Database, Statement } from 'better-sqlite3';
import type { BreakerState } from './types';

interface Row {
  name: string;
  tripped: number;
  tripped_at: number | null;
  reason: string | null;
  rearm_at: number | null;
}

export class BreakerStore {
  /** Prepared once: measures are written far more often than trips (every new equity peak). */
  private readonly measuresUpsert: Statement<[string, string, string | null]>;

  /** `scope`: the account the breakers guard ('global' for the app-wide board). */
  constructor(private readonly db: Database, private readonly scope = 'global') {
    this.measuresUpsert = db.prepare(
      `INSERT INTO breaker_state (scope, name, measures) VALUES (?, ?, ?)
       ON CONFLICT(scope, name) DO UPDATE SET measures = excluded.measures`,
    );
  }

  load(): Map<string, BreakerState> {
    const rows = this.db.prepare('SELECT name, tripped, tripped_at, reason, rearm_at FROM breaker_state WHERE scope = ?').all(this.scope) as Row[];
    return new Map(rows.map((r) => [r.name, fromRow(r)]));
  }

  save(state: BreakerState): void {
    this.db
      .prepare(
        `INSERT INTO breaker_state (scope, name, tripped, tripped_at, reason, rearm_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(scope, name) DO UPDATE SET tripped = excluded.tripped, tripped_at = excluded.tripped_at,
           reason = excluded.reason, rearm_at = excluded.rearm_at`,
      )
      .run(this.scope, state.name, state.isTripped ? 1 : 0, state.trippedAt ?? null, state.reason ?? null, state.rearmAt ?? null);
  }

  /** Each breaker's parsed measures; a value that is not JSON text is left out (the breaker starts fresh). */
  loadMeasures(): Map<string, unknown> {
    const rows = this.db.prepare('SELECT name, measures FROM breaker_state WHERE scope = ? AND measures IS NOT NULL').all(this.scope) as {
      name: string;
      measures: unknown;
    }[];
    const out = new Map<string, unknown>();
    for (const r of rows) {
      if (typeof r.measures !== 'string') continue;
      try {
        out.set(r.name, JSON.parse(r.measures));
      } catch {
        // Corrupt text: forgetting a measure is safe, refusing to start the engine is not.
      }
    }
    return out;
  }

  /** Writes only the measures column, so it never touches a trip (and a trip write never touches measures). */
  saveMeasures(name: string, measures: unknown): void {
    // JSON.stringify gives undefined for undefined (a breaker with nothing to keep): stored as NULL.
    const json = JSON.stringify(measures) as string | undefined;
    this.measuresUpsert.run(this.scope, name, json ?? null);
  }
}

function fromRow(r: Row): BreakerState {
  const state: BreakerState = { name: r.name, isTripped: r.tripped === 1 };
  if (r.tripped_at !== null) state.trippedAt = r.tripped_at;
  if (r.reason !== null) state.reason = r.reason;
  if (r.rearm_at !== null) state.rearmAt = r.rearm_at;
  return state;
}
