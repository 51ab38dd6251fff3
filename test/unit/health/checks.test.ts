// The local checks on real files: quick_check on a sound and a corrupted SQLite file (worker thread and in-thread),
// free disk against thresholds, a log folder that cannot take a write, the selected model, the kill switch and
// breakers, and how clock skew is judged against the round trip.
import BetterSqlite3 from 'better-sqlite3';
import { copyFileSync, cpSync, mkdirSync, openSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBreakers, checkDatabase, checkDisk, checkKillSwitch, checkLogFolder, checkModel, skewResult } from '../../../electron/engine/health';
import { expectedFeatures } from '../../../electron/engine/ml/features/hash';
import { ModelLibrary } from '../../../electron/engine/ml/model-library';
import { tempDir } from '../../support/temp';

const dir = tempDir('quorum-health-');

/** A database with enough rows to span many pages, closed so another connection may read it. */
function sampleDb(name: string): string {
  const path = join(dir, name);
  const db = new BetterSqlite3(path);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX t_v ON t (v);');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  db.transaction(() => { for (let i = 0; i < 5_000; i++) insert.run(`row-${i}-${'x'.repeat(40)}`); })();
  db.close();
  return path;
}

/** Overwrites pages in the middle of the file with garbage (header and first pages intact). */
function corrupt(path: string): void {
  const fd = openSync(path, 'r+');
  const garbage = Buffer.alloc(4096 * 3, 0xa5);
  writeSync(fd, garbage, 0, garbage.length, 4096 * 4);
  closeSync(fd);
}

describe('database check', () => {
  it('passes a sound file, in a worker thread and in this one', async () => {
    const path = sampleDb('sound.db');
    const db = new BetterSqlite3(path);
    try {
      const viaWorker = await checkDatabase({ path, db, timeoutMs: 30_000 });
      expect(viaWorker).toMatchObject({ name: 'database', status: 'ok', detail: expect.stringMatching(/^quick_check ok/) });
      expect(viaWorker.measured?.sizeBytes).toBeGreaterThan(100_000);
      expect(await checkDatabase({ path, db, timeoutMs: 30_000, useWorker: false })).toMatchObject({ status: 'ok' });
      const memory = new BetterSqlite3(':memory:');
      expect(await checkDatabase({ path: ':memory:', db: memory, timeoutMs: 1_000 })).toMatchObject({ status: 'ok' });
      memory.close();
    } finally {
      db.close();
    }
  });

  it('is bad on a corrupted file, naming what quick_check found', async () => {
    const path = sampleDb('corrupt.db');
    corrupt(path);
    const db = new BetterSqlite3(path, { readonly: true });
    try {
      for (const useWorker of [true, false]) {
        const r = await checkDatabase({ path, db, timeoutMs: 30_000, useWorker });
        expect(r.status).toBe('bad');
        expect(r.detail).toMatch(/quick_check (found|failed)/);
      }
    } finally {
      db.close();
    }
  });

  it('says the integrity is unknown when quick_check overruns its time', async () => {
    const path = sampleDb('slow.db');
    const db = new BetterSqlite3(path);
    try {
      expect(await checkDatabase({ path, db, timeoutMs: 1 })).toMatchObject({ status: 'warn', detail: expect.stringMatching(/did not finish within 1 ms/) });
    } finally {
      db.close();
    }
  });
});

describe('disk and log folder', () => {
  const dbPath = join(dir, 'quorum.db');

  it('judges free space against the thresholds, and a database that would not fit in a backup', async () => {
    const ok = await checkDisk({ dbPath, timeoutMs: 5_000, thresholds: { diskWarnBytes: 1, diskBadBytes: 0 } });
    expect(ok).toMatchObject({ name: 'disk', status: 'ok' });
    const free = ok.measured?.freeBytes as number;
    expect(free).toBeGreaterThan(0);
    expect(await checkDisk({ dbPath, timeoutMs: 5_000, thresholds: { diskWarnBytes: free * 10, diskBadBytes: 0 } })).toMatchObject({ status: 'warn' });
    expect(await checkDisk({ dbPath, timeoutMs: 5_000, thresholds: { diskWarnBytes: free * 10, diskBadBytes: free * 5 } })).toMatchObject({ status: 'bad', detail: expect.stringMatching(/free some space/) });
    expect(await checkDisk({ dbPath, timeoutMs: 5_000, thresholds: { diskWarnBytes: 1, diskBadBytes: 0 } }, free * 2)).toMatchObject({ status: 'warn', detail: expect.stringMatching(/backup would not fit/) });
    expect(await checkDisk({ dbPath: join(dir, 'no', 'such', 'folder', 'q.db'), timeoutMs: 5_000, thresholds: { diskWarnBytes: 1, diskBadBytes: 0 } })).toMatchObject({ status: 'warn', detail: expect.stringMatching(/unknown/) });
  });

  it('writes a probe to the log folder and removes it; a folder that cannot be written is bad', async () => {
    expect(await checkLogFolder({ dbPath, timeoutMs: 5_000 })).toMatchObject({ name: 'logs', status: 'ok' });
    // A file where the folder should be: nothing can be written there (root ignores permission bits, not this).
    const blocked = join(dir, 'blocked');
    mkdirSync(blocked);
    writeFileSync(join(blocked, 'logs'), 'not a folder');
    const r = await checkLogFolder({ dbPath: join(blocked, 'quorum.db'), timeoutMs: 5_000 });
    expect(r).toMatchObject({ status: 'bad', detail: expect.stringMatching(/cannot write to the log folder .*blocked.logs \((EEXIST|ENOTDIR)\)/) });
  });
});

describe('model check', () => {
  const shipped = resolve('models');

  it('is ok with no model or the shipped one, bad naming a missing or broken model', () => {
    const user = join(dir, 'models');
    mkdirSync(user, { recursive: true });
    const library = new ModelLibrary(user, shipped);
    expect(checkModel('', library)).toMatchObject({ status: 'ok', detail: expect.stringMatching(/Predictor is off/) });
    expect(checkModel('btc-usdt-5m-gbdt', library)).toMatchObject({ status: 'ok', measured: { model: 'btc-usdt-5m-gbdt', origin: 'shipped' } });
    expect(checkModel('no-such-model', library)).toMatchObject({ status: 'bad', detail: expect.stringMatching(/selected model no-such-model cannot be used: No model named no-such-model/) });
    // A copy whose bytes changed after training: the manifest's sha256 no longer matches.
    cpSync(join(shipped, 'btc-usdt-5m-gbdt.manifest.json'), join(user, 'tampered.manifest.json'));
    copyFileSync(join(shipped, 'btc-usdt-5m-gbdt.onnx'), join(user, 'tampered.onnx'));
    writeFileSync(join(user, 'tampered.onnx'), Buffer.from('not the model'), { flag: 'a' });
    expect(checkModel('tampered', library)).toMatchObject({ status: 'bad', detail: expect.stringMatching(/tampered cannot be used: .*does not match the sha256/) });
    // Trained on other features: this build's hash differs.
    const other = new ModelLibrary(user, shipped, { ...expectedFeatures(), hash: '0'.repeat(64) });
    expect(checkModel('btc-usdt-5m-gbdt', other)).toMatchObject({ status: 'bad', detail: expect.stringMatching(/feature schema/) });
  });
});

describe('kill switch and breakers', () => {
  it('reads the latch and the tripped breakers', () => {
    expect(checkKillSwitch({ isTripped: false })).toMatchObject({ status: 'ok' });
    expect(checkKillSwitch({ isTripped: true, mode: 'stop-entries', source: 'ui', reason: 'r', trippedAt: 0 })).toMatchObject({ status: 'warn' });
    expect(checkKillSwitch({ isTripped: true, mode: 'halt', source: 'webhook', reason: 'phone', trippedAt: 0 })).toMatchObject({ status: 'bad', detail: expect.stringMatching(/halt by webhook .*phone.*re-arms it/) });
    const now = Date.UTC(2025, 0, 1);
    expect(checkBreakers([{ name: 'max-drawdown', isTripped: false, account: 'paper:binance' }], now)).toMatchObject({ status: 'ok', measured: { tripped: 0, watched: 1 } });
    const tripped = checkBreakers([
      { name: 'max-drawdown', isTripped: true, reason: 'drawdown 21 %', rearmAt: now + 60_000, account: 'live:binance' },
      { name: 'daily-loss', isTripped: false, account: 'live:binance' },
    ], now);
    expect(tripped).toMatchObject({ status: 'warn', measured: { tripped: 1 } });
    expect(tripped.detail).toContain('max-drawdown on live:binance (drawdown 21 %; re-arms 2025-01-01T00:01:00.000Z)');
  });
});

describe('clock skew', () => {
  const t = { clockWarnMs: 1_000, clockBadMs: 5_000 };

  it('judges only the skew the round trip cannot explain, with its direction', () => {
    // Round trip 0..100 ms, midpoint 50: a server 1 s behind the midpoint means our clock is 1 s ahead.
    expect(skewResult('exchange:x', 'x', 50 - 1_000, 0, 100, t)).toMatchObject({ status: 'ok', measured: { skewMs: 1_000, rttMs: 100 } });
    expect(skewResult('exchange:x', 'x', 50 - 1_051, 0, 100, t)).toMatchObject({ status: 'warn', detail: expect.stringMatching(/1\.1 s ahead of x's.*sync the system clock/) });
    expect(skewResult('exchange:x', 'x', 50 + 6_000, 0, 100, t)).toMatchObject({ status: 'bad', detail: expect.stringMatching(/6\.0 s behind x's/) });
    // A slow link: 3 s of round trip explains 1.4 s of apparent skew.
    expect(skewResult('exchange:x', 'x', 1_500 - 1_400, 0, 3_000, t)).toMatchObject({ status: 'ok' });
    expect(skewResult('exchange:x', 'x', 50, 0, 100, t).detail).toMatch(/in step with/);
  });
});
