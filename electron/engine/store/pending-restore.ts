// A database restore asked for from the app: the backup is checked, copied beside the database (migrated if older)
// and applied by the next Engine.start, before the store opens.
//
// Why at the next start and not at once: the running engine hands its one SQLite connection to some twenty services
// when it is built (journal, sessions, breakers, kill switch, alert queue, settings…), and several of them keep state
// read from it in memory (the kill switch's latch, breaker measures, open accounts, the alert queue). Swapping the
// file under them, or copying pages into the open connection, would leave that state describing one database while
// the file holds another — a latch forgotten or an order the journal no longer knows. A start reads everything from
// the file it opens, so a restore applied before the open is as safe as any start. The hosts are left alone too: the
// window, tray, hotkey and bridge hold this Engine and its dispatcher, and nothing swaps them for a new one.
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PendingRestoreSchema, type PendingRestore } from '../../../shared/db-contract';
import { StorageError } from '../errors';
import type { NewAlert } from './alerts-repo';
import { inspectBackup, tableNames } from './backup';
import { OPEN_STATUS_SQL } from '../execution/journal/types';
import { openStore } from './database';
import { SettingsRepository } from './settings-repo';


export function stagedRestorePaths(dbPath: string): { db: string; info: string } {
  return { db: `${dbPath}.restore-pending`, info: `${dbPath}.restore-pending.json` };
}

/** Where the database as it was before a restore is kept. */
export function restoreSafetyDir(dbPath: string): string {
  return join(dirname(dbPath), 'backups');
}

/** The restore waiting for the next start, if any. */
export function readPendingRestore(dbPath: string): PendingRestore | undefined {
  const paths = stagedRestorePaths(dbPath);
  const stat = statSync(paths.db, { throwIfNoEntry: false });
  if (!stat) return undefined;
  try {
    return PendingRestoreSchema.parse(JSON.parse(readFileSync(paths.info, 'utf8')));
  } catch {
    // The staged copy is complete once it has its name (it is renamed into place last); only its description is lost.
    return { source: basename(paths.db), version: 0, schema: 0, stagedAt: Math.round(stat.mtimeMs) };
  }
}

export function cancelPendingRestore(dbPath: string): boolean {
  const paths = stagedRestorePaths(dbPath);
  const had = existsSync(paths.db);
  for (const path of [paths.db, paths.info]) rmSync(path, { force: true });
  return had;
}

/**
 * What a database holds that a restore would silently drop: sessions running or paused (they resume on start) and
 * open orders of the trading accounts. A one-line reason, or undefined when nothing is at stake.
 */
export function stakeIn(db: Database): string | undefined {
  const tables = tableNames(db);
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const sessions = tables.has('sessions') ? count("SELECT COUNT(*) AS n FROM sessions WHERE status <> 'stopped'") : 0;
  const accountOrders = tables.has('accounts') ? 'account_id IS NOT NULL AND ' : '';
  const orders = count(`SELECT COUNT(*) AS n FROM orders WHERE ${accountOrders}status IN (${OPEN_STATUS_SQL})`);
  const parts = [
    sessions > 0 ? `${sessions} session${sessions === 1 ? ' is' : 's are'} running or paused` : '',
    orders > 0 ? `${orders} order${orders === 1 ? ' is' : 's are'} open` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' and ') : undefined;
}

/**
 * Checks a backup and stages it for the next start: copied (SQLite's online backup, so a backup file still being
 * written is read consistently), migrated now if older — a migration that fails is told now, not at start-up — and
 * made quiet: its sessions will not resume and live trading comes back disarmed (a backup is another time; arming
 * stays the trader's typed decision). A restore staged before is replaced.
 */
export async function stageRestore(dbPath: string, backupPath: string, shownAs: string, now: number): Promise<PendingRestore> {
  const { version } = inspectBackup(backupPath, shownAs);
  const paths = stagedRestorePaths(dbPath);
  const partial = `${paths.db}.partial-${process.pid}`;
  const removePartial = () => { for (const suffix of ['', '-wal', '-shm']) rmSync(partial + suffix, { force: true }); };
  removePartial();
  try {
    const source = new BetterSqlite3(backupPath, { readonly: true, fileMustExist: true });
    try {
      await source.backup(partial);
    } finally {
      source.close();
    }
    const staged = openStore(partial);
    let schema: number;
    try {
      schema = staged.migration.to;
      quiet(staged.db, now);
      // One self-contained file: the rename below moves no -wal beside it (the engine turns WAL on again when it opens it).
      staged.db.pragma('journal_mode = DELETE');
    } finally {
      staged.db.close();
    }
    const pending: PendingRestore = { source: shownAs, version, schema, stagedAt: now };
    writeFileSync(paths.info, JSON.stringify(pending));
    renameSync(partial, paths.db);
    return pending;
  } catch (err) {
    removePartial();
    if (err instanceof StorageError) throw err;
    throw new StorageError(`Could not stage ${shownAs} for restore: ${(err as Error).message}`, 'RESTORE_STAGE_FAILED', { field: 'file', value: shownAs }, { cause: err });
  }
}

function quiet(db: Database, now: number): void {
  db.prepare("UPDATE sessions SET status = 'stopped', resume_on_start = 0, stop_reason = 'restored from a backup', updated_at = ? WHERE status <> 'stopped' OR resume_on_start = 1").run(now);
  new SettingsRepository(db).setInternal({ liveArmed: false, liveArmedAccounts: [] });
}

export type RestoreOutcome =
  | { applied: true; restore: PendingRestore; safetyCopy?: string }
  | { applied: false; restore: PendingRestore; reason: string };

interface Latch { mode: string | null; tripped_at: number | null; reason: string | null; source: string | null }

/**
 * Applies a staged restore; called by Engine.start under the app lock, before the store opens. Never throws: a
 * restore that cannot be applied leaves the current database in place (and the restore staged) and says why.
 * The current database is moved to backups/ first, as it was. A latched kill switch stays latched in the restored one.
 */
export function applyPendingRestore(dbPath: string, now: number): RestoreOutcome | undefined {
  const restore = readPendingRestore(dbPath);
  if (!restore) return undefined;
  const paths = stagedRestorePaths(dbPath);
  let latch: Latch | undefined;
  if (existsSync(dbPath)) {
    let current: Database | undefined;
    try {
      current = new BetterSqlite3(dbPath, { fileMustExist: true });
      const stake = stakeIn(current);
      if (stake) return { applied: false, restore, reason: `${stake} in the current database` };
      latch = current.prepare('SELECT mode, tripped_at, reason, source FROM kill_switch WHERE id = 1 AND latched = 1').get() as Latch | undefined;
    } catch {
      // A database that cannot be read (often why one restores) has nothing to protect that could be read either.
    } finally {
      // The last connection's close checkpoints the WAL into the file, so the file moved below is whole.
      current?.close();
    }
  }
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const safetyCopy = join(restoreSafetyDir(dbPath), `${basename(dbPath).replace(/\.db$/, '')}-before-restore-${stamp}.db`);
  const moved: [string, string][] = [];
  try {
    if (latch) keepLatch(paths.db, latch);
    if (existsSync(dbPath)) {
      mkdirSync(dirname(safetyCopy), { recursive: true });
      for (const suffix of ['', '-wal']) {
        if (!existsSync(dbPath + suffix)) continue;
        renameSync(dbPath + suffix, safetyCopy + suffix);
        moved.push([safetyCopy + suffix, dbPath + suffix]);
      }
      rmSync(`${dbPath}-shm`, { force: true });
    }
    renameSync(paths.db, dbPath);
    rmSync(paths.info, { force: true });
    return { applied: true, restore, ...(moved.length > 0 ? { safetyCopy } : {}) };
  } catch (err) {
    for (const [from, to] of moved.reverse()) {
      try {
        renameSync(from, to);
      } catch {
        // Left where it is: the alert names the safety copy.
      }
    }
    return { applied: false, restore, reason: `${(err as Error).message}${moved.length > 0 && !existsSync(dbPath) ? `; the database is at ${safetyCopy}` : ''}` };
  }
}

function keepLatch(stagedPath: string, latch: Latch): void {
  const db = new BetterSqlite3(stagedPath, { fileMustExist: true });
  try {
    db.prepare('INSERT INTO kill_switch (id, mode, latched, tripped_at, reason, source) VALUES (1, ?, 1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET mode = excluded.mode, latched = 1, tripped_at = excluded.tripped_at, reason = excluded.reason, source = excluded.source')
      .run(latch.mode, latch.tripped_at, latch.reason, latch.source);
  } finally {
    db.close();
  }
}

/** The alert a start raises about a restore it applied or could not apply. */
export function restoreAlert(outcome: RestoreOutcome): NewAlert {
  const { restore } = outcome;
  const migrated = restore.schema > restore.version ? `, migrated from schema v${restore.version} to v${restore.schema}` : '';
  if (outcome.applied) {
    const kept = outcome.safetyCopy ? ` The database as it was before is kept at ${outcome.safetyCopy}.` : '';
    return { level: 'info', source: 'database', message: `Database restored from ${restore.source}${migrated}. Sessions in it do not resume and live trading is disarmed.${kept}` };
  }
  return {
    level: 'warning', source: 'database',
    message: `The database restore from ${restore.source} was not applied: ${outcome.reason}. It stays staged: stop the sessions and close the orders, then start Quorum again — or cancel the restore in Settings.`,
  };
}
