// Logs on disk: every line the console gets also reaches a rotating file, masked and clipped the same; files rotate
// at the size limit and the oldest beyond the count are deleted.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createLogger, logDirFor, MAX_LOG_STRING, type Logger } from '../../../electron/engine/log/logger';
import { listLogFiles } from '../../../electron/engine/log/log-files';
import { REDACTED, SecretRegistry } from '../../../electron/engine/log/secrets';
import { tempDir } from '../../support/temp';

const MEGABYTE = 1 << 20;
const flushed = (log: Logger) => new Promise<void>((resolve, reject) => log.flush((err) => (err ? reject(err) : resolve())));
const tick = () => new Promise((resolve) => setImmediate(resolve));
const fileText = (dir: string) => listLogFiles(dir).map((f) => readFileSync(f.path, 'utf8')).join('');

describe('file logging', () => {
  it('puts the log folder beside the database', () => {
    expect(logDirFor(join('/data', 'Quorum', 'quorum.db'))).toBe(join('/data', 'Quorum', 'logs'));
  });

  it('tees every line to the sink and a file, with secrets masked and strings clipped', async () => {
    const dir = join(tempDir(), 'logs');
    const secrets = new SecretRegistry();
    const secret = 'sk_live_file_0123456789';
    secrets.register(secret);
    const printed: string[] = [];
    const log = createLogger({ secrets, sink: { write: (l: string) => printed.push(l) }, file: { dir } });
    log.info(`connecting with ${secret}`);
    log.warn({ why: 'x'.repeat(MEGABYTE), apiKey: 'AKIA-by-name' }, 'huge');
    await flushed(log);

    const files = listLogFiles(dir);
    expect(files).toHaveLength(1);
    expect(basename(files[0].path)).toMatch(/^quorum\.\d{4}-\d{2}-\d{2}\.\d+\.log$/);
    const text = readFileSync(files[0].path, 'utf8');
    expect(text).toBe(printed.join(''));
    expect(text).not.toContain(secret);
    const [first, second] = text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(first.msg).toBe(`connecting with ${REDACTED}`);
    expect(second.why).toBe(`${'x'.repeat(MAX_LOG_STRING)}…(+${MEGABYTE - MAX_LOG_STRING} chars)`);
    expect(second.apiKey).toBe(REDACTED);
    expect(text.length).toBeLessThan(5_000);
  });

  it('rotates at the size limit and keeps only the newest files', async () => {
    const dir = join(tempDir(), 'logs');
    const log = createLogger({ secrets: new SecretRegistry(), sink: { write: () => true }, file: { dir, size: '1k', count: 3 } });
    // Each line is over 1 KB, so each one fills a file; pino-roll rolls on the tick after the write.
    for (let i = 0; i < 8; i++) {
      log.info({ i, pad: 'p'.repeat(1_500) }, 'line');
      await tick();
      await flushed(log);
    }
    await vi.waitFor(() => expect(listLogFiles(dir)).toHaveLength(3));
    const numbers = listLogFiles(dir).map((f) => Number(/\.(\d+)\.log$/.exec(f.path)![1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(numbers[2]).toBeGreaterThanOrEqual(8);
    const kept = fileText(dir).trimEnd().split('\n').map((l) => JSON.parse(l).i);
    expect(kept).toEqual([6, 7]); // the third file is the fresh, still-empty one
    for (const f of listLogFiles(dir)) expect(f.size).toBeLessThan(2 * 1024);
  });

  it('carries on on the console when the folder cannot be created, saying so once', async () => {
    const blocker = join(tempDir(), 'not-a-folder');
    writeFileSync(blocker, '');
    const printed: string[] = [];
    const log = createLogger({ secrets: new SecretRegistry(), sink: { write: (l: string) => printed.push(l) }, file: { dir: join(blocker, 'logs') } });
    log.info('before');
    await flushed(log);
    log.info('after');
    const records = printed.map((l) => JSON.parse(l));
    expect(records.map((r) => r.msg)).toEqual(['before', expect.stringContaining('cannot write the log file'), 'after']);
  });
});
