// Online backup of the live store to a file, and restore of a checked backup over a closed store.
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { StorageError } from '../errors';
import { currentVersion, latestVersion } from './migrate';

/** Copies the open database page by page while it stays usable (SQLite's online backup API). */
export async function backupDatabase(db: Database, destination: string): Promise<{ path: string; pages: number }> {
  if (existsSync(destination)) {
    throw new StorageError(`Backup target already exists: ${destination}`, 'BACKUP_EXISTS', { field: 'path', value: destination });
  }
  try {
    const result = await db.backup(destination);
    return { path: destination, pages: result.totalPages };
  } catch (err) {
    throw new StorageError(`Backup to ${destination} failed: ${(err as Error).message}`, 'BACKUP_FAILED', {}, { cause: err });
  }
}

/**
 * A backup to a file the user chose in a save dialog (who already agreed to replace it): written beside it first and
 * moved over at the end, so a failed copy never leaves half a database where the old file was.
 */
export async function backupReplacing(db: Database, destination: string): Promise<{ path: string; pages: number }> {
  const partial = `${destination}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  const result = await backupDatabase(db, partial);
  renameSync(partial, destination);
  return { path: destination, pages: result.pages };
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
/** Tables every Quorum database has had since schema v1: a SQLite file without them is someone else's. */
const QUORUM_TABLES = ['schema_migrations', 'settings', 'runs', 'orders'];

/**
 * Checks a backup file: a SQLite database, a Quorum one, not from a newer schema than this app knows, and intact.
 * `shownAs` is how messages name the file (a client sees the file's own name, never the engine's path to it).
 */
export function inspectBackup(path: string, shownAs = path): { version: number } {
  if (!existsSync(path)) throw new StorageError(`Backup file not found: ${shownAs}`, 'BACKUP_MISSING', { field: 'path', value: shownAs });
  if (!hasSqliteHeader(path)) {
    throw new StorageError(`${shownAs} is not a SQLite database, so not a Quorum backup`, 'BACKUP_NOT_SQLITE', { field: 'file', value: shownAs });
  }
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
    const tables = tableNames(db);
    const missing = QUORUM_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0) {
      throw new StorageError(`${shownAs} is a SQLite database but not a Quorum one (no ${missing.join(', ')} table)`, 'BACKUP_NOT_QUORUM', { field: 'file', value: shownAs });
    }
    const version = currentVersion(db);
    if (version > latestVersion()) {
      throw new StorageError(`Backup ${shownAs} has schema v${version}, newer than this app (v${latestVersion()}): update Quorum to restore it`, 'DB_TOO_NEW', { field: 'schema_version', value: version });
    }
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new StorageError(`Backup ${shownAs} is damaged: ${String(check)}`, 'BACKUP_CORRUPT', { field: 'file', value: shownAs });
    return { version };
  } catch (err) {
    if (err instanceof StorageError) throw err;
    throw new StorageError(`Backup ${shownAs} is not a readable Quorum database: ${(err as Error).message}`, 'BACKUP_UNREADABLE', { field: 'file', value: shownAs }, { cause: err });
  } finally {
    db?.close();
  }
}

/** The names of the tables a database has. */
export function tableNames(db: Database): Set<string> {
  return new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
}

function hasSqliteHeader(path: string): boolean {
  const head = Buffer.alloc(SQLITE_HEADER.length);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SQLITE_HEADER);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Replaces the database at `target` with the backup. The store must be closed (the app or CLI does that). */
export async function restoreDatabase(backupPath: string, target: string): Promise<{ version: number }> {
  const { version } = inspectBackup(backupPath);
  const source = new BetterSqlite3(backupPath, { readonly: true, fileMustExist: true });
  try {
    // Stale WAL/SHM files from the old database must not be replayed over the restored pages.
    for (const suffix of ['-wal', '-shm']) rmSync(target + suffix, { force: true });
    rmSync(target, { force: true });
    await source.backup(target);
  } finally {
    source.close();
  }
  return { version };
}
