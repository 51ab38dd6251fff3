// Reads and writes the single kill_switch row; the latch lives on disk so a restart cannot silently resume trading.
import type { Database } from 'better-sqlite3';
import type { KillMode, KillSource, KillSwitchState } from './kill-switch-types';

interface Row {
  mode: KillMode | null;
  latched: number;
  tripped_at: number | null;
  reason: string | null;
  source: KillSource | null;
}

export class KillSwitchStore {
  constructor(private readonly db: Database) {}

  load(): KillSwitchState {
    const row = this.db.prepare('SELECT mode, latched, tripped_at, reason, source FROM kill_switch WHERE id = 1').get() as Row | undefined;
    // A latched row without a mode cannot happen through this module; read it as the strictest mode to fail safe.
    if (!row || row.latched !== 1) return { isTripped: false };
    return {
      isTripped: true,
      mode: row.mode ?? 'halt',
      trippedAt: row.tripped_at ?? 0,
      reason: row.reason ?? '',
      source: row.source ?? 'ui',
    };
  }

  save(state: KillSwitchState): void {
    const tripped = state.isTripped;
    this.db
      .prepare(
        `INSERT INTO kill_switch (id, mode, latched, tripped_at, reason, source) VALUES (1, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET mode = excluded.mode, latched = excluded.latched,
           tripped_at = excluded.tripped_at, reason = excluded.reason, source = excluded.source`,
      )
      .run(
        tripped ? (state.mode ?? null) : null,
        tripped ? 1 : 0,
        tripped ? (state.trippedAt ?? null) : null,
        tripped ? (state.reason ?? null) : null,
        tripped ? (state.source ?? null) : null,
      );
  }
}
