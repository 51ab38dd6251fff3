// The data folder's disk: room left (statfs), and whether the log folder still takes a write.
import { randomBytes } from 'node:crypto';
import { mkdir, statfs, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { logDirFor } from '../log/log-files';
import { errorText, formatBytes, within, type HealthCheckResult, type HealthThresholds } from './types';

export interface FilesCheckOptions {
  dbPath: string;
  timeoutMs: number;
  thresholds: Pick<HealthThresholds, 'diskWarnBytes' | 'diskBadBytes'>;
}

/** Free space for this user on the disk holding the database (and so the backups, models and logs beside it). */
export async function checkDisk(o: FilesCheckOptions, dbSizeBytes?: number | null): Promise<HealthCheckResult> {
  const name = 'disk';
  if (o.dbPath === ':memory:') return { name, status: 'ok', detail: 'in-memory database: no data folder to watch' };
  const dir = dirname(o.dbPath);
  try {
    const fs = await within(`statfs ${dir}`, o.timeoutMs, () => statfs(dir));
    const free = Number(fs.bavail) * Number(fs.bsize);
    const total = Number(fs.blocks) * Number(fs.bsize);
    const measured = { freeBytes: free, totalBytes: total, freePct: total > 0 ? Math.round((free / total) * 1000) / 10 : null };
    const t = o.thresholds;
    const limits = `(warn < ${formatBytes(t.diskWarnBytes)}, bad < ${formatBytes(t.diskBadBytes)})`;
    if (free < t.diskBadBytes) return { name, status: 'bad', detail: `only ${formatBytes(free)} free on the data folder's disk ${limits}: writes will soon fail — free some space`, measured };
    if (free < t.diskWarnBytes) return { name, status: 'warn', detail: `${formatBytes(free)} free on the data folder's disk ${limits}: downloads and backups may not fit`, measured };
    if (dbSizeBytes && free < dbSizeBytes) {
      return { name, status: 'warn', detail: `${formatBytes(free)} free, less than the database (${formatBytes(dbSizeBytes)}): a backup would not fit`, measured };
    }
    return { name, status: 'ok', detail: `${formatBytes(free)} free of ${formatBytes(total)} ${limits}`, measured };
  } catch (err) {
    return { name, status: 'warn', detail: `free space of ${dir} unknown: ${errorText(err)}` };
  }
}

/** Creates the log folder if needed, writes a probe file there and removes it. */
export async function checkLogFolder(o: Pick<FilesCheckOptions, 'dbPath' | 'timeoutMs'>): Promise<HealthCheckResult> {
  const name = 'logs';
  if (o.dbPath === ':memory:') return { name, status: 'ok', detail: 'in-memory database: no log folder' };
  const dir = logDirFor(o.dbPath);
  const probe = join(dir, `.health-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    await within(`writing to ${dir}`, o.timeoutMs, async () => {
      await mkdir(dir, { recursive: true });
      await writeFile(probe, 'quorum health probe\n', { flag: 'wx' });
      await unlink(probe);
    });
    return { name, status: 'ok', detail: `${dir} is writable`, measured: { dir } };
  } catch (err) {
    await unlink(probe).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    return { name, status: 'bad', detail: `cannot write to the log folder ${dir}${code ? ` (${code})` : ''}: ${errorText(err)}. Log lines are being lost.`, measured: { dir } };
  }
}
