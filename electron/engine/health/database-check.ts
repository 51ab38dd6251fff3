// The database's integrity: PRAGMA quick_check. It reads every page, so on a file of gigabytes it takes seconds: it
// runs in a worker thread on its own read-only connection, and the engine's thread (orders, the kill switch) never
// waits for it. Where no worker can open the file (an in-memory store, a missing driver) it runs on the given handle.
import type { Database } from 'better-sqlite3';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { errorText, formatBytes, formatMs, HealthTimeoutError, type HealthCheckResult } from './types';

/** At most this many problems are listed (quick_check's own limit). */
const MAX_PROBLEMS = 20;

// A script, not a module file: the built app then needs no extra entry for it. The driver is required by absolute path.
const WORKER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
let db;
try {
  const Database = require(workerData.driver);
  try {
    db = new Database(workerData.path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    const rows = db.pragma('quick_check(' + workerData.max + ')').map((r) => String(Object.values(r)[0]));
    parentPort.postMessage({ rows });
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
  }
} catch (err) {
  parentPort.postMessage({ unavailable: String((err && err.message) || err) });
} finally {
  if (db) db.close();
}
`;

type WorkerAnswer = { rows: string[] } | { error: string } | { unavailable: string };

export interface DatabaseCheckOptions {
  /** The file, or ':memory:'. */
  path: string;
  /** The engine's handle: used when no worker can open the file. */
  db: Database;
  timeoutMs: number;
  /** False runs on `db` in this thread (small files, tests of the fallback). */
  useWorker?: boolean;
  /** Ends the worker early (the engine closing): the check then reports nothing useful, and nobody waits for it. */
  signal?: AbortSignal;
}

let driverPath: string | undefined | null;

function driver(): string | undefined {
  if (driverPath === undefined) {
    try {
      driverPath = createRequire(import.meta.url).resolve('better-sqlite3');
    } catch {
      driverPath = null;
    }
  }
  return driverPath ?? undefined;
}

function inWorker(path: string, timeoutMs: number, signal?: AbortSignal): Promise<WorkerAnswer> {
  const driverFile = driver();
  if (!driverFile) return Promise.resolve({ unavailable: 'the SQLite driver cannot be found from here' });
  if (signal?.aborted) return Promise.resolve({ error: 'stopped: the engine is closing' });
  return new Promise((resolve, reject) => {
    let settled = false;
    const worker = new Worker(WORKER_SCRIPT, { eval: true, workerData: { path, driver: driverFile, max: MAX_PROBLEMS } });
    const timer = setTimeout(() => {
      finish(() => reject(new HealthTimeoutError('PRAGMA quick_check', timeoutMs)));
      void worker.terminate();
    }, timeoutMs);
    timer.unref();
    const finish = (done: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done();
    };
    const abort = () => {
      finish(() => resolve({ error: 'stopped: the engine is closing' }));
      void worker.terminate();
    };
    signal?.addEventListener('abort', abort, { once: true });
    worker.once('exit', () => signal?.removeEventListener('abort', abort));
    worker.once('message', (answer: WorkerAnswer) => finish(() => resolve(answer)));
    worker.once('error', (err) => finish(() => resolve({ unavailable: errorText(err) })));
    worker.once('exit', (code) => finish(() => resolve({ unavailable: `the check's thread ended (code ${code}) without an answer` })));
  });
}

function inThread(db: Database): { rows: string[] } | { error: string } {
  try {
    const rows = (db.pragma(`quick_check(${MAX_PROBLEMS})`) as Record<string, unknown>[]).map((r) => String(Object.values(r)[0]));
    return { rows };
  } catch (err) {
    return { error: errorText(err) };
  }
}

export async function checkDatabase(o: DatabaseCheckOptions): Promise<HealthCheckResult> {
  const name = 'database';
  const started = Date.now();
  const onDisk = o.path !== ':memory:';
  const sizeBytes = onDisk ? fileSize(o.path) : null;
  let answer: WorkerAnswer;
  try {
    answer = onDisk && o.useWorker !== false ? await inWorker(o.path, o.timeoutMs, o.signal) : { unavailable: 'in-memory database' };
  } catch (err) {
    if (err instanceof HealthTimeoutError) {
      return { name, status: 'warn', detail: `PRAGMA quick_check did not finish within ${formatMs(o.timeoutMs)} (${sizeBytes === null ? 'size unknown' : formatBytes(sizeBytes)}): integrity unknown`, measured: { sizeBytes, ms: Date.now() - started } };
    }
    answer = { unavailable: errorText(err) };
  }
  if ('unavailable' in answer && !o.db.open) return { name, status: 'bad', detail: 'the database is closed', measured: { sizeBytes } };
  const final = 'unavailable' in answer ? inThread(o.db) : answer;
  const measured = { sizeBytes, ms: Date.now() - started };
  if ('error' in final) return { name, status: 'bad', detail: `PRAGMA quick_check failed: ${final.error}`, measured };
  const rows = final.rows;
  if (rows.length === 1 && rows[0] === 'ok') {
    return { name, status: 'ok', detail: `quick_check ok${sizeBytes === null ? '' : ` (${formatBytes(sizeBytes)})`} in ${formatMs(measured.ms)}`, measured };
  }
  const shown = rows.slice(0, 3).join('; ');
  return {
    name, status: 'bad',
    detail: `quick_check found ${rows.length >= MAX_PROBLEMS ? `${MAX_PROBLEMS}+` : rows.length} problem(s): ${shown}. Back up the file and restore the last good backup (quorum db restore).`,
    measured: { ...measured, problems: rows.length },
  };
}

function fileSize(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}
