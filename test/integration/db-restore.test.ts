// Database restore through the contract and Engine.start on real SQLite files: a backup uploaded as the page would,
// checked and staged, applied by the next start with the old data back and the replaced database kept; refused while a
// session runs, for a file that is not a Quorum database, and for a newer schema; an older one is migrated.
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../shared/contract';
import { Engine } from '../../electron/engine/engine';
import { openStore } from '../../electron/engine/store/database';
import { latestVersion, migrate } from '../../electron/engine/store/migrate';
import { MIGRATIONS } from '../../electron/engine/store/migrations';
import { stageRestore, stagedRestorePaths } from '../../electron/engine/store/pending-restore';
import { BinanceEmulator } from '../emulator';
import { captureLogger } from '../support/engine';
import { tempDir } from '../support/temp';

const dir = tempDir('quorum-restore-');
let running: Engine | undefined;
let emulator: BinanceEmulator | undefined;
afterEach(async () => {
  if (running) {
    await running.stopDesk().catch(() => undefined);
    running.close();
  }
  running = undefined;
  await emulator?.close();
  emulator = undefined;
});

function start(name: string, exchangeUrl?: string): Engine {
  running?.close();
  running = Engine.start({ dbPath: join(dir, name), host: 'headless', logger: captureLogger().logger, deskPollMs: 0, killSwitchPollMs: 0, exchangeUrl });
  return running;
}

async function ask(engine: Engine, channel: string, payload: object = {}): Promise<Reply> {
  return engine.dispatcher.dispatch(channel, payload);
}
async function value<T = Record<string, unknown>>(engine: Engine, channel: string, payload: object = {}): Promise<T> {
  const reply = await ask(engine, channel, payload);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.code} ${reply.error.message}`);
  return reply.value as T;
}

/** The browser build's way in: the file sent in chunks over data.upload, a handle back. */
async function upload(engine: Engine, path: string, name = path.split('/').pop() ?? 'file'): Promise<string> {
  const bytes = readFileSync(path);
  const CHUNK = 384 * 1024;
  const chunks = Math.max(1, Math.ceil(bytes.length / CHUNK));
  const uploadId = `restore${Math.random().toString(36).slice(2, 12)}`;
  for (let seq = 0; seq < chunks; seq++) {
    const data = bytes.subarray(seq * CHUNK, (seq + 1) * CHUNK).toString('base64');
    const reply = await value<{ file?: string }>(engine, 'data.upload', { uploadId, name, seq, data, last: seq === chunks - 1 });
    if (reply.file) return reply.file;
  }
  throw new Error('upload did not finish');
}

const paperCash = async (engine: Engine) => (await value<{ paperCash: number }>(engine, 'settings.get')).paperCash;

describe('database restore', () => {
  it('backs up, changes, restores after a restart: the old data back, the replaced database kept, live disarmed, the kill switch still latched', async () => {
    let engine = start('main.db');
    await value(engine, 'settings.update', { paperCash: 11_111 });
    // Armed when the backup was taken: a restore must not arm live trading again without the typed confirmation.
    engine.settings.setInternal({ liveArmed: true, liveArmedAccounts: ['binance'] });
    const backup = await value<{ saved: boolean; path: string }>(engine, 'db.backup');
    expect(backup.saved).toBe(true);
    await value(engine, 'settings.update', { paperCash: 22_222 });
    await value(engine, 'risk.killSwitch.trip', { mode: 'halt', reason: 'tripped after the backup' });

    const file = await upload(engine, backup.path);
    const staged = await value<{ source: string; version: number; schema: number }>(engine, 'db.restore', { file });
    expect(staged).toMatchObject({ source: backup.path.split('/').pop(), version: latestVersion(), schema: latestVersion() });
    expect(await value(engine, 'db.restoreStatus')).toEqual({ pending: expect.objectContaining({ source: staged.source }) });
    // Nothing changes under the running engine; a session would be lost by the restart, so none starts meanwhile.
    expect(await paperCash(engine)).toBe(22_222);
    expect(await ask(engine, 'desk.start', { account: 'binance', symbol: 'BTC/USDT', timeframe: '1m', strategy: 'sma-cross', mode: 'paper', cash: 1_000 }))
      .toMatchObject({ ok: false, error: { code: 'RESTORE_PENDING', message: expect.stringContaining(staged.source) } });
    // The upload's copy is spent.
    expect(readdirSync(join(dir, 'uploads'))).toEqual([]);

    engine = start('main.db');
    expect(await paperCash(engine)).toBe(11_111);
    expect(await value(engine, 'db.restoreStatus')).toEqual({ pending: null });
    expect(existsSync(stagedRestorePaths(join(dir, 'main.db')).db)).toBe(false);
    const settings = await value<{ liveArmed: boolean; liveArmedAccounts: string[] }>(engine, 'settings.get');
    expect(settings).toMatchObject({ liveArmed: false, liveArmedAccounts: [] });
    const risk = await value<{ killSwitch: { state: string; reason?: string } }>(engine, 'risk.state');
    expect(JSON.stringify(risk.killSwitch)).toContain('tripped after the backup');
    const alerts = await value<{ level: string; message: string }[]>(engine, 'alerts.list');
    const told = alerts.find((a) => a.message.startsWith('Database restored from'));
    expect(told?.message).toContain(staged.source);

    // The database as it was before the restore is kept whole in backups/, with the later change.
    const kept = readdirSync(join(dir, 'backups')).filter((f) => /^main-before-restore-.*\.db$/.test(f));
    expect(kept).toHaveLength(1);
    expect(told?.message).toContain(join(dir, 'backups', kept[0]));
    const old = new BetterSqlite3(join(dir, 'backups', kept[0]), { readonly: true });
    expect(JSON.parse((old.prepare("SELECT value FROM settings WHERE key = 'paperCash'").get() as { value: string }).value)).toBe(22_222);
    old.close();
  });

  it('refuses while a paper session runs, naming it, and accepts once it is stopped', async () => {
    emulator = await BinanceEmulator.start({ interval: '1m', syntheticLength: 600, startIndex: 599 });
    const engine = start('trading.db', emulator.url);
    const backup = await value<{ path: string }>(engine, 'db.backup');
    await value(engine, 'desk.start', { account: 'binance', symbol: 'BTC/USDT', timeframe: '1m', strategy: 'sma-cross', mode: 'paper', cash: 1_000 });
    const file = await upload(engine, backup.path);
    const refused = await ask(engine, 'db.restore', { file });
    expect(refused).toMatchObject({ ok: false, error: { code: 'RESTORE_WHILE_TRADING', message: expect.stringMatching(/1 session is running or paused/) } });
    expect(await value(engine, 'db.restoreStatus')).toEqual({ pending: null });
    await value(engine, 'desk.stop');
    // The refusal left the handle usable.
    expect(await value(engine, 'db.restore', { file })).toMatchObject({ version: latestVersion() });
  });

  it('does not apply a staged restore at start when the database has a session to resume; it stays staged and an alert says why', async () => {
    emulator = await BinanceEmulator.start({ interval: '1m', syntheticLength: 600, startIndex: 599 });
    const dbPath = join(dir, 'resume.db');
    let engine = start('resume.db', emulator.url);
    const backup = await value<{ path: string }>(engine, 'db.backup');
    await value(engine, 'settings.update', { paperCash: 33_333 });
    await value(engine, 'desk.start', { account: 'binance', symbol: 'BTC/USDT', timeframe: '1m', strategy: 'sma-cross', mode: 'paper', cash: 1_000 });
    engine.close(); // the session stays "running", to resume on start
    running = undefined;
    // Staged as another process could have done it before the session started (the contract refuses while it runs).
    await stageRestore(dbPath, backup.path, 'older.db', Date.now());

    engine = start('resume.db', emulator.url);
    expect(await paperCash(engine)).toBe(33_333);
    expect(await value(engine, 'db.restoreStatus')).toEqual({ pending: expect.objectContaining({ source: 'older.db' }) });
    const alerts = await value<{ level: string; message: string }[]>(engine, 'alerts.list');
    expect(alerts.find((a) => a.message.includes('was not applied'))).toMatchObject({
      level: 'warning', message: expect.stringMatching(/older\.db was not applied: 1 session is running or paused/),
    });
    expect(await value(engine, 'db.restoreCancel')).toEqual({ cancelled: true });
    expect(await value(engine, 'db.restoreStatus')).toEqual({ pending: null });
  });

  it('refuses a file that is not SQLite, a SQLite file that is not Quorum\'s, and a newer schema — naming the file', async () => {
    const engine = start('refusals.db');
    const text = join(dir, 'notes.db');
    writeFileSync(text, 'not a database, only some text\n'.repeat(100));
    expect(await ask(engine, 'db.restore', { file: await upload(engine, text) }))
      .toMatchObject({ ok: false, error: { code: 'BACKUP_NOT_SQLITE', message: expect.stringContaining('notes.db is not a SQLite database') } });

    const foreign = join(dir, 'photos.db');
    const other = new BetterSqlite3(foreign);
    other.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO photos (name) VALUES (\'cat\')');
    other.close();
    expect(await ask(engine, 'db.restore', { file: await upload(engine, foreign) }))
      .toMatchObject({ ok: false, error: { code: 'BACKUP_NOT_QUORUM', message: expect.stringContaining('photos.db is a SQLite database but not a Quorum one') } });

    const newer = join(dir, 'from-the-future.db');
    const { db } = openStore(newer);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(latestVersion() + 1, 'a later app', Date.now());
    db.close();
    expect(await ask(engine, 'db.restore', { file: await upload(engine, newer) }))
      .toMatchObject({ ok: false, error: { code: 'DB_TOO_NEW', message: expect.stringContaining(`from-the-future.db has schema v${latestVersion() + 1}`) } });

    expect(await value(engine, 'db.restoreStatus')).toEqual({ pending: null });
    expect(readdirSync(dir).filter((f) => f.startsWith('refusals.db.restore-pending'))).toEqual([]);
  });

  it('migrates an older backup when it is staged, and the restart opens it at the current schema', async () => {
    const older = join(dir, 'v3.db');
    const db = new BetterSqlite3(older);
    migrate(db, MIGRATIONS, 3);
    db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('paperCash', '44444', Date.now());
    db.close();
    let engine = start('migrate.db');
    const staged = await value<{ version: number; schema: number }>(engine, 'db.restore', { file: await upload(engine, older) });
    expect(staged).toMatchObject({ version: 3, schema: latestVersion() });
    engine = start('migrate.db');
    expect(await paperCash(engine)).toBe(44_444);
    expect((await value<{ schemaVersion: number }>(engine, 'engine.status')).schemaVersion).toBe(latestVersion());
    expect((await value<{ message: string }[]>(engine, 'alerts.list')).some((a) => a.message.includes('migrated from schema v3'))).toBe(true);
  });
});
