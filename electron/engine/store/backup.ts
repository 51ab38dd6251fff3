// Online backup of the live store to a file, and restore of a checked backup over a closed store.
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { existsSync, renameSync, rmSync } from 'node:fs';
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

/** Checks a backup file: readable, intact, and not from a newer schema than this app knows. */
export function inspectBackup(path: string): { version: number } {
  if (!existsSync(path)) throw new StorageError(`Backup file not found: ${path}`, 'BACKUP_MISSING', { field: 'path', value: path });
  let db: Database | undefined;
  try {
    db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new StorageError(`Backup ${path} is damaged: ${String(check)}`, 'BACKUP_CORRUPT');
    const version = currentVersion(db);
    if (version > latestVersion()) {
      throw new StorageError(`Backup ${path} has schema v${version}, newer than this app (v${latestVersion()})`, 'DB_TOO_NEW', { field: 'schema_version', value: version });
    }
    return { version };
  } catch (err) {
    if (err instanceof StorageError) throw err;
    throw new StorageError(`Backup ${path} is not a readable Quorum database: ${(err as Error).message}`, 'BACKUP_UNREADABLE', {}, { cause: err });
  } finally {
    db?.close();
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
