// The database's single-instance lock: taken by one process, refused to the next naming the holder, stale once its
// process is gone, and removed only by its owner.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppLock, isProcessAlive, lockPathOf, readAppLock } from '../../../electron/engine/store/app-lock';
import { tempDir } from '../../support/temp';

const dir = tempDir();
/** Beyond any pid_max: no such process. */
const GONE = 99_999_999;

describe('app lock', () => {
  it('writes pid, host and start time, refuses a second holder by name, and is removed on release', () => {
    const db = join(dir, 'a.db');
    const lock = AppLock.acquire(db, 'electron', 1_000);
    expect(JSON.parse(readFileSync(lockPathOf(db), 'utf8'))).toEqual({ pid: process.pid, host: 'electron', startedAt: 1_000, dbPath: db });
    expect(readAppLock(db)).toMatchObject({ pid: process.pid, host: 'electron' });
    expect(() => AppLock.acquire(db, 'cli')).toThrow(expect.objectContaining({
      code: 'APP_RUNNING', message: expect.stringContaining(`Quorum is already running on ${db} (pid ${process.pid}, electron, since 1970-01-01T00:00:01.000Z)`),
    }));
    lock.release();
    expect(existsSync(lockPathOf(db))).toBe(false);
    expect(readAppLock(db)).toBeUndefined();
    AppLock.acquire(db, 'cli').release();
  });

  it('takes over a lock whose process is gone, or that is not a lock at all', () => {
    const db = join(dir, 'stale.db');
    writeFileSync(lockPathOf(db), JSON.stringify({ pid: GONE, host: 'electron', startedAt: 0, dbPath: db }));
    expect(isProcessAlive(GONE)).toBe(false);
    expect(readAppLock(db)).toBeUndefined();
    const lock = AppLock.acquire(db, 'headless');
    expect(readAppLock(db)).toMatchObject({ pid: process.pid, host: 'headless' });
    lock.release();
    writeFileSync(lockPathOf(db), 'half a lo');
    AppLock.acquire(db, 'cli').release();
  });

  it('never removes a lock another process took in the meantime', () => {
    const db = join(dir, 'theirs.db');
    const mine = AppLock.acquire(db, 'cli');
    const theirs = JSON.stringify({ pid: process.ppid, host: 'electron', startedAt: 5, dbPath: db });
    writeFileSync(lockPathOf(db), theirs);
    mine.release();
    expect(readFileSync(lockPathOf(db), 'utf8')).toBe(theirs);
  });
});
