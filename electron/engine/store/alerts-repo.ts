// Alerts the trader must see (breaker trips, reconciliation problems), stored and listed newest first.
import type { Database } from 'better-sqlite3';
import type { Alert } from '../../../shared/domain';

export type NewAlert = Omit<Alert, 'id' | 'time'> & { time?: number; details?: unknown };

/**
 * Where the engine's parts put alerts: the engine's raiseAlert (stored, pushed to the app, sent to the desktop) in the
 * running app; the repository alone (stored only) in tools and tests that have no app to tell.
 */
export interface AlertSink {
  add(alert: NewAlert): Alert;
}

export class AlertsRepository implements AlertSink {
  constructor(private readonly db: Database) {}

  add(alert: NewAlert): Alert {
    const time = alert.time ?? Date.now();
    const info = this.db
      .prepare('INSERT INTO alerts (time, level, source, message, details) VALUES (?, ?, ?, ?, ?)')
      .run(time, alert.level, alert.source, alert.message, alert.details === undefined ? null : JSON.stringify(alert.details));
    return { id: Number(info.lastInsertRowid), time, level: alert.level, source: alert.source, message: alert.message };
  }

  list(limit: number): Alert[] {
    return this.db
      .prepare('SELECT id, time, level, source, message FROM alerts ORDER BY time DESC, id DESC LIMIT ?')
      .all(limit) as Alert[];
  }
}
