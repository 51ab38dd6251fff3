// One engine per database file: `<db>.lock` names the process that has it open (pid, host, start time), so a second
// app, headless server or `quorum trade|kill` on the same file refuses with a clear message instead of trading twice.
// A lock whose process is gone (a crash, a kill -9) is stale and is taken over.
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { StorageError } from '../errors';

export interface AppLockInfo {
  pid: number;
  /** Who holds it: 'electron', 'headless', 'cli' or 'test' (the engine's host). */
  host: string;
  startedAt: number;
  dbPath: string;
}

export function lockPathOf(dbPath: string): string {
  return `${dbPath}.lock`;
}

/** Whether a process with this id exists (EPERM: it does, under another user). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function readRaw(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function parse(raw: string | undefined): AppLockInfo | undefined {
  if (raw === undefined) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<AppLockInfo>;
    if (typeof v.pid !== 'number' || typeof v.host !== 'string') return undefined;
    return { pid: v.pid, host: v.host, startedAt: typeof v.startedAt === 'number' ? v.startedAt : 0, dbPath: typeof v.dbPath === 'string' ? v.dbPath : '' };
  } catch {
    return undefined;
  }
}

/** Who has the database open: the holder of a live lock, or undefined (no lock, or a stale one). */
export function readAppLock(dbPath: string): AppLockInfo | undefined {
  const info = parse(readRaw(lockPathOf(dbPath)));
  return info && isProcessAlive(info.pid) ? info : undefined;
}

export function describeHolder(info: AppLockInfo): string {
  return `pid ${info.pid}, ${info.host}`;
}

/** Locks held by this process, removed on exit even when nobody calls release() (a crash leaves a stale lock instead). */
const held = new Set<AppLock>();
let exitHook = false;

export class AppLock {
  private released = false;

  private constructor(readonly path: string, readonly info: AppLockInfo, private readonly raw: string) {}

  /**
   * Takes the database for this process, or throws StorageError 'APP_RUNNING' naming the process that has it.
   * The lock file appears complete or not at all (written aside, then hard-linked into place, which fails if it exists).
   */
  static acquire(dbPath: string, host: string, now: number = Date.now()): AppLock {
    const path = lockPathOf(dbPath);
    const info: AppLockInfo = { pid: process.pid, host, startedAt: now, dbPath };
    const raw = JSON.stringify(info);
    for (let attempt = 0; attempt < 5; attempt++) {
      if (create(path, raw)) return AppLock.hold(new AppLock(path, info, raw));
      const seen = readRaw(path);
      if (seen === undefined) continue;
      const holder = parse(seen);
      if (holder && isProcessAlive(holder.pid)) {
        throw new StorageError(`Quorum is already running on ${dbPath} (${describeHolder(holder)}, since ${new Date(holder.startedAt).toISOString()}): one engine per database, quit it first`,
          'APP_RUNNING', { field: 'db', value: dbPath, pid: holder.pid, host: holder.host });
      }
      removeStale(path, seen);
    }
    throw new StorageError(`Could not lock ${dbPath}: ${path} keeps changing (another Quorum starting at the same time?)`, 'APP_LOCK_FAILED', { field: 'db', value: dbPath });
  }

  private static hold(lock: AppLock): AppLock {
    held.add(lock);
    if (!exitHook) {
      exitHook = true;
      process.on('exit', () => { for (const l of held) l.release(); });
    }
    return lock;
  }

  /** Removes the lock file if it is still this one's (never another process's). */
  release(): void {
    if (this.released) return;
    this.released = true;
    held.delete(this);
    try {
      if (readRaw(this.path) === this.raw) unlinkSync(this.path);
    } catch {
      // Already gone or unreadable: nothing of ours to remove.
    }
  }
}

/** Creates the lock file with its content, atomically; false if one exists. */
function create(path: string, raw: string): boolean {
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(aside, raw);
  try {
    linkSync(aside, path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links: exclusive create (a reader may briefly see it empty, which reads as stale).
    try {
      writeFileSync(path, raw, { flag: 'wx' });
      return true;
    } catch (fallback) {
      if ((fallback as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw fallback;
    }
  } finally {
    unlinkSync(aside);
  }
}

/**
 * Moves a stale lock out of the way. Renaming is atomic, so of two processes taking it over only one moves it; if what
 * was moved is not the stale lock that was read (someone took it over in between), it is put back.
 */
function removeStale(path: string, seen: string): void {
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    renameSync(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  try {
    if (readRaw(aside) !== seen) linkSync(aside, path);
  } catch {
    // A third process created a lock meanwhile: theirs stands, ours is retried against it.
  } finally {
    unlinkSync(aside);
  }
}
