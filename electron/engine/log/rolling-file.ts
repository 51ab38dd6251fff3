// The rotating log file: pino-roll's destination, used in-process. A pino transport (worker thread) would receive
// pino's raw output, not the line after `SecretRegistry.mask`, and the registry lives in this thread; in-process,
// only already-masked lines ever reach the file.
import type { RollingDestination } from 'pino-roll';
import { join } from 'node:path';
import { LOG_DATE_FORMAT, LOG_EXTENSION, LOG_FILE_BASE } from './log-files';

export interface LogFileOptions {
  /** The folder (created if missing); `logDirFor(dbPath)` gives the one beside the database. */
  dir: string;
  /** Rotate when the file reaches this size: a number of MB, or '10m', '512k' (default '10m'). */
  size?: number | string;
  /** Rotate at least this often: 'daily', 'hourly' or milliseconds (default 'daily'). */
  frequency?: 'daily' | 'hourly' | number;
  /** Files kept in the folder, the active one included; older ones are deleted at each rotation (default 14). */
  count?: number;
}

export interface FileSink {
  write(line: string): void;
  /** Calls back once every line written so far is on disk (or has failed). */
  flush(cb: (err?: Error) => void): void;
}

/** Lines held while the file opens (pino-roll opens asynchronously); past this, the oldest are dropped. */
const MAX_PENDING = 10_000;

/** A sink writing to rotating files in `options.dir`. Never throws: a failure is reported once to `onError`. */
export function rollingFileSink(options: LogFileOptions, onError: (err: Error) => void): FileSink {
  let file: RollingDestination | undefined;
  let failed = false;
  let pending: string[] = [];
  let waiting: (() => void)[] = [];
  // Reported once, and marked first: onError logs, which writes here again.
  const fail = (err: Error) => {
    if (failed) return;
    failed = true;
    onError(err);
  };
  const write = (line: string) => {
    try {
      file!.write(line);
    } catch (err) {
      fail(err as Error);
    }
  };
  // Loaded on first use: pino-roll pulls in all of date-fns (~130 ms), which the CLI and tests need not pay for.
  import('pino-roll').then(({ default: roll }) => roll({
    file: join(options.dir, LOG_FILE_BASE),
    extension: LOG_EXTENSION,
    dateFormat: LOG_DATE_FORMAT,
    size: options.size ?? '10m',
    frequency: options.frequency ?? 'daily',
    // removeOtherLogFiles: otherwise only files this process created count, and every restart would leave more.
    limit: { count: options.count ?? 14, removeOtherLogFiles: true },
    mkdir: true,
    // Synchronous writes: the last lines before a crash or process.exit are the ones most worth keeping.
    sync: true,
  })).then(
    (destination) => {
      file = destination;
      // A SonicBoom 'error' with no listener would crash the process; logging must never take the engine down.
      destination.on('error', fail);
      for (const line of pending) write(line);
      pending = [];
    },
    (err: Error) => {
      pending = [];
      fail(err);
    },
  ).finally(() => {
    for (const done of waiting) done();
    waiting = [];
  });
  return {
    write(line) {
      if (file) write(line);
      else if (!failed) {
        pending.push(line);
        if (pending.length > MAX_PENDING) pending.shift();
      }
    },
    flush(cb) {
      const flushFile = () => (file ? file.flush((err) => cb(err ?? undefined)) : cb());
      if (file || failed) flushFile();
      else waiting.push(flushFile);
    },
  };
}
