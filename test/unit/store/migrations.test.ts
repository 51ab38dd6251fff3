// Schema migrations: fresh database, upgrade from the previous version, refusal of newer files, atomic failure.
import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StorageError } from '../../../electron/engine/errors';
import { openStore } from '../../../electron/engine/store/database';
import { currentVersion, latestVersion, migrate } from '../../../electron/engine/store/migrate';
import { MIGRATIONS } from '../../../electron/engine/store/migrations';
import { tempDir } from '../../support/temp';

const dir = tempDir();
const REQUIRED_TABLES = ['alerts', 'breaker_state', 'candle_blocks', 'candle_series', 'decisions', 'fills', 'instruments', 'kill_switch', 'orders', 'positions', 'runs', 'schema_migrations', 'settings'];

function tables(db: BetterSqlite3.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

describe('migrations', () => {
  it('creates the whole schema on a fresh file, with WAL and foreign keys on', () => {
    const { db, migration } = openStore(join(dir, 'fresh.db'));
    expect(migration).toEqual({ from: 0, to: latestVersion(), applied: MIGRATIONS.map((m) => m.version) });
    expect(tables(db)).toEqual(expect.arrayContaining(REQUIRED_TABLES));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const recorded = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(recorded).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    db.close();
  });

  it('upgrades a database from the previous schema version and keeps its data', () => {
    const path = join(dir, 'v1.db');
    const old = new BetterSqlite3(path);
    migrate(old, MIGRATIONS, latestVersion() - 1);
    expect(currentVersion(old)).toBe(latestVersion() - 1);
    old.prepare("INSERT INTO alerts (time, level, source, message) VALUES (1, 'warning', 'test', 'kept')").run();
    old.prepare("INSERT INTO runs (kind, strategy, started_at) VALUES ('backtest', 'sma-cross', 5)").run();
    old.close();

    const { db, migration } = openStore(path);
    expect(migration.from).toBe(latestVersion() - 1);
    expect(migration.applied).toEqual([latestVersion()]);
    expect(db.prepare('SELECT message FROM alerts').get()).toEqual({ message: 'kept' });
    expect(db.prepare('SELECT strategy FROM runs').get()).toEqual({ strategy: 'sma-cross' });
    expect(db.prepare('SELECT latched FROM kill_switch WHERE id = 1').get()).toEqual({ latched: 0 });
    db.close();
  });

  it('is a no-op when reopened at the newest version', () => {
    const path = join(dir, 'again.db');
    openStore(path).db.close();
    const { db, migration } = openStore(path);
    expect(migration.applied).toEqual([]);
    db.close();
  });

  it('refuses a database written by a newer app version, with a clear message', () => {
    const path = join(dir, 'newer.db');
    const { db } = openStore(path);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 0)").run();
    db.close();
    let caught: unknown;
    try {
      openStore(path);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StorageError);
    expect((caught as StorageError).code).toBe('DB_TOO_NEW');
    expect((caught as StorageError).message).toMatch(/newer version of Quorum.*v99/);
  });

  it('leaves the file unchanged when a migration fails part-way', () => {
    const db = new BetterSqlite3(join(dir, 'broken.db'));
    const broken = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'bad', sql: 'CREATE TABLE ok_table (x); THIS IS NOT SQL;' }];
    expect(() => migrate(db, broken)).toThrow(StorageError);
    expect(tables(db)).toEqual([]);
    expect(currentVersion(db)).toBe(0);
    db.close();
  });

  it('enforces foreign keys (a fill needs its order)', () => {
    const { db } = openStore(join(dir, 'fk.db'));
    expect(() => db.prepare('INSERT INTO fills (order_id, time, price, amount) VALUES (12345, 0, 1, 1)').run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
