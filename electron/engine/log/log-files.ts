// Where the rotating log files live and how they are named, shared by the logger (writer) and `quorum logs` (reader).
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** pino-roll names files `<base>.<date>.<n>.<ext>`: `quorum.2025-01-31.3.log`. */
export const LOG_FILE_BASE = 'quorum';
export const LOG_DATE_FORMAT = 'yyyy-MM-dd';
export const LOG_EXTENSION = 'log';
const NAME = /^quorum\.(\d{4}-\d{2}-\d{2})\.(\d+)\.log$/;

/** The log folder of a data folder: `logs/` beside the database. */
export function logDirFor(dbPath: string): string {
  return join(dirname(dbPath), 'logs');
}

export interface LogFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * The rotating log files of `dir`, oldest first (empty when there is none or no folder). Ordered by last write, then
 * by name: pino-roll numbers files from their creation time, which some file systems do not record, so after a
 * restart it may append to a lower-numbered file; the last-written file is the one holding the newest lines.
 * Other files in the folder (such as the CLI's `quorum-cli.log`) are not part of the set.
 */
export function listLogFiles(dir: string): LogFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const files: (LogFile & { date: string; n: number })[] = [];
  for (const name of names) {
    const m = NAME.exec(name);
    if (!m) continue;
    try {
      const st = statSync(join(dir, name));
      if (st.isFile()) files.push({ path: join(dir, name), size: st.size, mtimeMs: st.mtimeMs, date: m[1], n: Number(m[2]) });
    } catch {
      // Removed by rotation between readdir and stat.
    }
  }
  files.sort((a, b) => a.mtimeMs - b.mtimeMs || a.date.localeCompare(b.date) || a.n - b.n);
  return files.map(({ path, size, mtimeMs }) => ({ path, size, mtimeMs }));
}
