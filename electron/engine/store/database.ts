// Opens the SQLite store: WAL, foreign keys, busy timeout, then migrations — the only way the engine gets a DB.
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { StorageError } from '../errors';
import { migrate, type MigrationResult } from './migrate';

export type { Database } from 'better-sqlite3';

export interface OpenedStore {
  db: Database;
  path: string;
  migration: MigrationResult;
}

export interface OpenOptions {
  readonly?: boolean;
  /** Skip migrations (used to inspect a file, e.g. a backup). */
  migrate?: boolean;
}

export function openStore(path: string, options: OpenOptions = {}): OpenedStore {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  let db: Database;
  try {
    db = new BetterSqlite3(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (err) {
    throw new StorageError(`Cannot open database ${path}: ${(err as Error).message}`, 'DB_OPEN_FAILED', { field: 'path', value: path }, { cause: err });
  }
  try {
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    const migration = options.migrate === false || options.readonly
      ? { from: 0, to: 0, applied: [] }
      : migrate(db);
    return { db, path, migration };
  } catch (err) {
    db.close();
    throw err;
  }
}
