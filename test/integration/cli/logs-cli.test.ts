// `quorum logs` through the real CLI (bin/quorum.mjs in a child process) on log files the engine's logger wrote:
// the last lines across rotated files, and --follow printing new lines, across a rotation, until Ctrl-C.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it, vi } from 'vitest';
import { createLogger, logDirFor, type Logger } from '../../../electron/engine/log/logger';
import { SecretRegistry } from '../../../electron/engine/log/secrets';
import { listLogFiles } from '../../../electron/engine/log/log-files';
import { quorum } from '../../support/cli';
import { tempDir } from '../../support/temp';

const BIN = resolve('bin/quorum.mjs');
const tick = () => new Promise((r) => setImmediate(r));
const flushed = (log: Logger) => new Promise<void>((r) => log.flush(() => r()));

/** A logger writing into the database's log folder, rotating every second line (each is ~600 bytes, the limit 1 KB). */
function fileLogger(db: string): Logger {
  return createLogger({ secrets: new SecretRegistry(), sink: { write: () => true }, file: { dir: logDirFor(db), size: '1k' } });
}

async function writeLines(log: Logger, from: number, to: number): Promise<void> {
  await flushed(log); // the file is open: lines held until then would all land in the first file
  for (let i = from; i <= to; i++) {
    log.info({ pad: 'p'.repeat(500) }, `line ${i}`);
    await tick(); // pino-roll rolls on the tick after the write that crossed the limit
  }
  await flushed(log);
}

function runQuorum(...argv: string[]) {
  const child = spawn(process.execPath, [BIN, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
  const messages: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => messages.push(JSON.parse(line).msg));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, messages, exited, stderr: () => stderr };
}

describe('quorum logs', () => {
  it('--tail -n 3 prints the last three lines, reading back into the rotated file', async () => {
    const db = join(tempDir(), 'quorum.db');
    const log = fileLogger(db);
    await writeLines(log, 1, 5);
    await vi.waitFor(() => expect(listLogFiles(logDirFor(db))).toHaveLength(3)); // [1 2] [3 4] [5]
    const run = runQuorum('logs', '--tail', '-n', '3', '--db', db);
    expect(await run.exited, run.stderr()).toBe(0);
    expect(run.messages).toEqual(['line 3', 'line 4', 'line 5']);
  });

  it('--follow prints new lines, across a rotation, until Ctrl-C', async () => {
    const db = join(tempDir(), 'quorum.db');
    const log = fileLogger(db);
    await writeLines(log, 1, 3);
    const run = runQuorum('logs', '--tail', '-n', '2', '--follow', '--db', db);
    try {
      await vi.waitFor(() => expect(run.messages).toEqual(['line 2', 'line 3']), { timeout: 20_000, interval: 50 });
      await writeLines(log, 4, 8);
      await vi.waitFor(() => expect(run.messages).toEqual(['line 2', 'line 3', 'line 4', 'line 5', 'line 6', 'line 7', 'line 8']), { timeout: 5_000, interval: 50 });
    } finally {
      run.child.kill('SIGINT');
    }
    expect(await run.exited, run.stderr()).toBe(0);
  });

  it('--path prints the folder beside the database', async () => {
    const db = join(tempDir(), 'quorum.db');
    expect(await quorum('logs', '--path', '--db', db)).toEqual({ code: 0, out: `${logDirFor(db)}\n`, err: '' });
  });

  it('says clearly when there are no logs, and fails', async () => {
    const dir = tempDir();
    const db = join(dir, 'quorum.db');
    const missing = await quorum('logs', '--tail', '--db', db);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`No logs at ${logDirFor(db)}`);
    mkdirSync(logDirFor(db));
    const empty = await quorum('logs', '--db', db);
    expect(empty.code).toBe(1);
    expect(empty.err).toContain('No log files');
  });

  it('refuses a line count that is not a whole number', async () => {
    const r = await quorum('logs', '--tail', '-n', 'many', '--db', join(tempDir(), 'quorum.db'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('must be a whole number of lines');
  });
});
