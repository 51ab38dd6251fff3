// The contract's side of a database restore: the client's file handle resolved, a refusal while trading is at stake,
// the backup staged for the next start (store/pending-restore.ts says why not at once), and the pending one shown
// or called off.
import type { Database } from 'better-sqlite3';
import type { PendingRestore } from '../../../shared/db-contract';
import { RiskError, StorageError } from '../errors';
import type { ClientFiles } from '../files/client-files';
import type { Logger } from '../log/logger';
import { cancelPendingRestore, readPendingRestore, stageRestore, stakeIn } from './pending-restore';

export interface DatabaseRestoresDeps {
  dbPath: string;
  db: Database;
  files: Pick<ClientFiles, 'resolve' | 'release'>;
  now: () => number;
  log: Logger;
}

export class DatabaseRestores {
  /** One staging at a time: two would write the same staged file. */
  private staging = false;

  constructor(private readonly deps: DatabaseRestoresDeps) {}

  async restore(token: string): Promise<PendingRestore> {
    const { dbPath, db, files, now, log } = this.deps;
    if (dbPath === ':memory:') throw new StorageError('This engine runs on an in-memory database: there is no file to restore into', 'RESTORE_UNAVAILABLE');
    const stake = stakeIn(db);
    if (stake) {
      throw new RiskError(`Cannot restore the database while ${stake}: stop the sessions and cancel the orders first`, 'RESTORE_WHILE_TRADING', { field: 'file' });
    }
    if (this.staging) throw new StorageError('A backup is being checked for restore already: wait for it to finish', 'RESTORE_BUSY');
    const grant = files.resolve(token, 'file');
    this.staging = true;
    let pending: PendingRestore;
    try {
      pending = await stageRestore(dbPath, grant.path, grant.name, now());
    } finally {
      this.staging = false;
    }
    // An upload's copy is spent; a file chosen in a dialog is the trader's and stays.
    files.release(token);
    log.info({ source: pending.source, version: pending.version, schema: pending.schema }, 'database restore staged for the next start');
    return pending;
  }

  status(): { pending: PendingRestore | null } {
    return { pending: this.pending() ?? null };
  }

  cancel(): { cancelled: boolean } {
    const cancelled = cancelPendingRestore(this.deps.dbPath);
    if (cancelled) this.deps.log.info('staged database restore cancelled');
    return { cancelled };
  }

  /** A session started now would be refused at the restart that applies the restore, or lost by it: refused here. */
  assertNonePending(): void {
    const pending = this.pending();
    if (pending) {
      throw new RiskError(`A database restore from ${pending.source} is waiting for Quorum to restart: restart first, or cancel the restore in Settings`, 'RESTORE_PENDING');
    }
  }

  private pending(): PendingRestore | undefined {
    return this.deps.dbPath === ':memory:' ? undefined : readPendingRestore(this.deps.dbPath);
  }
}
