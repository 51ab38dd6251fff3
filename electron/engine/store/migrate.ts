// Applies pending schema migrations in order, recording each in the DB; refuses databases from a newer app version.
import type { Database } from 'better-sqlite3';
import { StorageError } from '../errors';
import { MIGRATIONS, type Migration } from './migrations';

export function latestVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

/** The highest schema version this database says it has (0 for a new file). */
export function currentVersion(db: Database): number {
  const userVersion = db.pragma('user_version', { simple: true }) as number;
  const hasTable = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (!hasTable) return userVersion;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return Math.max(userVersion, row.v ?? 0);
}

export interface MigrationResult {
  from: number;
  to: number;
  applied: number[];
}

/**
 * Brings the schema up to `target` (default: the newest known) in one transaction, so a failed step leaves
 * the file exactly as it was.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS, target = latestVersion(migrations)): MigrationResult {
  assertOrdered(migrations);
  const from = currentVersion(db);
  const newest = latestVersion(migrations);
  if (from > newest) {
    throw new StorageError(
      `This database was written by a newer version of Quorum (schema v${from}; this app knows up to v${newest}). ` +
        'Update Quorum, or open a backup made with this version.',
      'DB_TOO_NEW',
      { field: 'schema_version', value: from },
    );
  }
  const pending = migrations.filter((m) => m.version > from && m.version <= target);
  const apply = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of pending) {
      db.exec(m.sql);
      m.convert?.(db);
      record.run(m.version, m.name, Date.now());
    }
    if (pending.length > 0) db.pragma(`user_version = ${pending[pending.length - 1].version}`);
  });
  try {
    apply();
  } catch (err) {
    throw new StorageError(`Migration failed, database left unchanged: ${(err as Error).message}`, 'MIGRATION_FAILED', {}, { cause: err });
  }
  if (pending.some((m) => m.vacuum)) db.exec('VACUUM');
  return { from, to: currentVersion(db), applied: pending.map((m) => m.version) };
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new StorageError(`Migration list out of order: position ${i + 1} holds v${m.version}`, 'MIGRATION_ORDER');
    }
  });
}
