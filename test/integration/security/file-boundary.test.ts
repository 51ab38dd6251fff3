// Files at the contract boundary, through a real engine on a real SQLite file: a client names files only by handles
// the engine gave out; nothing it sends can make the engine read, write or remove outside the app's folders.
// The first case is the historical traversal: `data.import { paths: ["<uploads>/../victim/x.csv"] }` deleted `victim`.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, lutimesSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import type { FileDialogs } from '../../../electron/engine/files/file-dialogs';
import { captureLogger } from '../../support/engine';
import { tempDir } from '../../support/temp';

const CSV = 'date,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1.5,2.5,1,2,12\n';
const VICTIM_CSV = 'date,open,high,low,close,volume\n2024-03-01,7,8,6,7.5,70\n2024-03-02,7.5,8.5,7,8,80\n';

function startEngine(appDir: string, dialogs?: FileDialogs) {
  const { logger, lines } = captureLogger();
  const engine = Engine.start({ dbPath: join(appDir, 'quorum.db'), host: 'test', logger, deskPollMs: 0, killSwitchPollMs: 0, dialogs });
  return { engine, lines };
}

/** Uploads text in one chunk; returns the handle. */
async function upload(engine: Engine, name: string, text: string, uploadId = `up${Math.random().toString(36).slice(2, 12)}`) {
  const reply = await engine.dispatcher.dispatch('data.upload', { uploadId, name, seq: 0, data: Buffer.from(text).toString('base64'), last: true });
  if (!reply.ok) throw new Error(reply.error.message);
  return (reply.value as { file: string }).file;
}

describe('files cross the boundary only as handles', () => {
  const root = tempDir();
  const appDir = join(root, 'app');
  const victim = join(root, 'victim');
  const victimFile = join(victim, 'VICTIM_USDT-1d.csv');
  let engine: Engine;
  let lines: string[];

  beforeAll(() => {
    mkdirSync(appDir, { recursive: true });
    ({ engine, lines } = startEngine(appDir));
  });
  afterAll(() => engine.close());

  const plantVictim = () => {
    mkdirSync(victim, { recursive: true });
    writeFileSync(victimFile, VICTIM_CSV);
  };
  const victimIntact = () => existsSync(victimFile) && readFileSync(victimFile, 'utf8') === VICTIM_CSV && readdirSync(victim).length === 1;
  const victimImported = async () => {
    const reply = await engine.dispatcher.dispatch('data.list', {});
    return JSON.stringify(reply).includes('VICTIM');
  };

  it('refuses the historical traversal (which deleted the folder) and every path a client names', async () => {
    plantVictim();
    const uploads = join(appDir, 'uploads');
    const attempts: unknown[] = [
      { jobId: 'j1', paths: [`${uploads}/../victim/x.csv`] },
      { jobId: 'j2', paths: [victimFile] },
      { jobId: 'j3', files: [`${uploads}/../victim/x.csv`] },
      { jobId: 'j4', files: ['../../victim/VICTIM_USDT-1d.csv'] },
      { jobId: 'j5', files: ['%2e%2e%2fvictim%2fVICTIM_USDT-1d.csv'] },
      { jobId: 'j6', files: ['..\\..\\victim\\VICTIM_USDT-1d.csv'] },
      { jobId: 'j7', files: [victimFile] },
      { jobId: 'j8', files: ['f_AAAAAAAAAAAAAAAAAAAAAAAA'] }, // well-formed, never issued
    ];
    for (const payload of attempts) {
      const reply = await engine.dispatcher.dispatch('data.import', payload);
      expect(reply.ok, JSON.stringify(payload)).toBe(false);
    }
    expect(victimIntact()).toBe(true);
    expect(await victimImported()).toBe(false);
  });

  it('names the offending field and never echoes the path back', async () => {
    const reply = await engine.dispatcher.dispatch('data.import', { jobId: 'j', files: ['f_AAAAAAAAAAAAAAAAAAAAAAAA'] });
    expect(reply).toMatchObject({ ok: false, error: { code: 'FILE_HANDLE_UNKNOWN', field: 'files.0' } });
    const old = await engine.dispatcher.dispatch('data.import', { jobId: 'j', paths: [victimFile] });
    expect(old).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(JSON.stringify(old)).not.toContain(root);
  });

  it('refuses a backtest on a path, encoded or not, and runs on a handle', async () => {
    plantVictim();
    for (const data of [victimFile, '../victim/VICTIM_USDT-1d.csv', '%2e%2e/victim', 'local:../../victim:1d', 'f_../../../../victim/x']) {
      const reply = await engine.dispatcher.dispatch('backtest.start', { data, strategy: 'sma-cross' });
      expect(reply, data).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', field: 'data' } });
    }
    const handle = await upload(engine, 'OK_USDT-1d.csv', CSV);
    const reply = await engine.dispatcher.dispatch('backtest.start', { data: handle, strategy: 'sma-cross' });
    expect(reply.ok, JSON.stringify(reply)).toBe(true);
    await engine.backtests.wait((reply as { value: { jobId: string } }).value.jobId);
    expect(victimIntact()).toBe(true);
  });

  it('imports an upload by its handle, removes only its own copy, and spends the handle', async () => {
    const handle = await upload(engine, '../../../OK2_USDT-1d.csv', CSV);
    const before = readdirSync(join(appDir, 'uploads')).length;
    expect(before).toBeGreaterThan(0);
    const reply = await engine.dispatcher.dispatch('data.import', { jobId: 'ok', files: [handle] });
    expect(reply.ok, JSON.stringify(reply)).toBe(true);
    const [result] = (reply as { value: { file: string; committed: boolean; key: { symbol: string } }[] }).value;
    expect(result).toMatchObject({ file: 'OK2_USDT-1d.csv', committed: true, key: { symbol: 'OK2/USDT' } });
    expect(readdirSync(join(appDir, 'uploads')).length).toBe(before - 1);
    const again = await engine.dispatcher.dispatch('data.import', { jobId: 'ok2', files: [handle] });
    expect(again).toMatchObject({ ok: false, error: { code: 'FILE_HANDLE_UNKNOWN' } });
  });

  it('refuses an upload whose file was swapped for a symlink out of the folder, and removes the link, not the target', async () => {
    plantVictim();
    const handle = await upload(engine, 'SWAP_USDT-1d.csv', CSV);
    const folders = readdirSync(join(appDir, 'uploads')).map((f) => join(appDir, 'uploads', f));
    const swapped = folders.map((f) => join(f, 'SWAP_USDT-1d.csv')).find((p) => existsSync(p)) as string;
    unlinkSync(swapped);
    symlinkSync(victimFile, swapped);
    const reply = await engine.dispatcher.dispatch('data.import', { jobId: 'swap', files: [handle] });
    expect(reply).toMatchObject({ ok: false, error: { code: 'PATH_OUTSIDE', field: 'files.0' } });
    expect(existsSync(dirname(swapped))).toBe(false); // our own upload folder is gone…
    expect(victimIntact()).toBe(true); // …the file the link pointed at is not
    expect(await victimImported()).toBe(false);
  });

  it('sweeps abandoned uploads without following a planted folder link', async () => {
    plantVictim();
    const planted = join(appDir, 'uploads', `u-${'ab'.repeat(12)}`);
    symlinkSync(victim, planted);
    const old = new Date(Date.now() - 2 * 86_400_000);
    lutimesSync(planted, old, old);
    engine.close();
    ({ engine, lines } = startEngine(appDir));
    expect(() => lstatSync(planted)).toThrow(); // the link itself removed…
    expect(victimIntact()).toBe(true); // …its target untouched
  });

  it('keeps a client-named upload file name harmless', async () => {
    for (const name of ['../../x.csv', '..', '.hidden.csv', 'a/b\\c.csv']) {
      const handle = await upload(engine, name, CSV);
      expect(handle).toMatch(/^f_/);
    }
    for (const entry of readdirSync(join(appDir, 'uploads'))) {
      expect(entry).toMatch(/^u-[0-9a-f]{24}$/);
      for (const file of readdirSync(join(appDir, 'uploads', entry))) expect(file).not.toMatch(/^\.|[/\\]/);
    }
    const nul = await engine.dispatcher.dispatch('data.upload', { uploadId: 'nulname1', name: 'a\u0000b.csv', seq: 0, data: '', last: true });
    expect(nul).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', field: 'name' } });
  });

  it('backs up only into the exports folder, and says so in the log without the client choosing a path', async () => {
    const reply = await engine.dispatcher.dispatch('db.backup', {});
    expect(reply).toMatchObject({ ok: true, value: { saved: true } });
    const path = (reply as { value: { path: string } }).value.path;
    expect(dirname(path)).toBe(join(appDir, 'exports'));
    const refused = await engine.dispatcher.dispatch('db.backup', { path: join(victim, 'copy.db') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(existsSync(join(victim, 'copy.db'))).toBe(false);
    expect(lines.some((l) => l.includes('INVALID_PAYLOAD'))).toBe(true);
  });

  it('answers files.open without a dialog with a clear refusal', async () => {
    const reply = await engine.dispatcher.dispatch('files.open', { purpose: 'candles' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'NO_FILE_DIALOG' } });
    expect((await engine.dispatcher.dispatch('engine.status', {})) as unknown).toMatchObject({ ok: true, value: { fileDialogs: false } });
  });
});

describe('with the desktop shell’s dialogs (a stand-in for Electron’s, which cannot run here)', () => {
  const root = tempDir();
  const appDir = join(root, 'app');
  const chosen = join(root, 'Documents', 'DIALOG_USDT-1d.csv');
  const saveAs = join(root, 'Documents', 'my-backup.db');
  let engine: Engine;
  let lines: string[];
  let dialogError: Error | undefined;

  beforeAll(() => {
    mkdirSync(appDir, { recursive: true });
    mkdirSync(dirname(chosen), { recursive: true });
    writeFileSync(chosen, CSV);
    writeFileSync(saveAs, 'an older file the user agreed to replace');
    ({ engine, lines } = startEngine(appDir, {
      openFiles: async () => {
        if (dialogError) throw dialogError;
        return [chosen];
      },
      saveFile: async () => saveAs,
    }));
  });
  afterAll(() => engine.close());

  it('imports a file the user chose, by the handle the dialog gave, and leaves the file in place', async () => {
    const picked = await engine.dispatcher.dispatch('files.open', { purpose: 'candles' });
    expect(picked).toMatchObject({ ok: true, value: { files: [{ name: 'DIALOG_USDT-1d.csv', bytes: CSV.length }] } });
    const { file } = (picked as { value: { files: { file: string }[] } }).value.files[0];
    expect(file).toMatch(/^f_/);
    expect(JSON.stringify(picked)).not.toContain(root);
    const reply = await engine.dispatcher.dispatch('data.import', { jobId: 'dlg', files: [file] });
    expect(reply).toMatchObject({ ok: true, value: [{ file: 'DIALOG_USDT-1d.csv', committed: true }] });
    expect(readFileSync(chosen, 'utf8')).toBe(CSV);
  });

  it('answers a chosen file that vanished with a data error naming the file, not INTERNAL', async () => {
    const picked = await engine.dispatcher.dispatch('files.open', { purpose: 'candles' });
    const { file } = (picked as { value: { files: { file: string }[] } }).value.files[0];
    rmSync(chosen);
    const reply = await engine.dispatcher.dispatch('data.import', { jobId: 'gone', files: [file] });
    expect(reply).toMatchObject({ ok: false, error: { code: 'FILE_NOT_FOUND', area: 'data', field: 'files.0' } });
    expect((reply as { error: { message: string } }).error.message).toContain('DIALOG_USDT-1d.csv');
    expect(JSON.stringify(reply)).not.toContain(root);
    writeFileSync(chosen, CSV);
  });

  it('writes a backup where the save dialog says, replacing the file the user agreed to replace', async () => {
    const reply = await engine.dispatcher.dispatch('db.backup', {});
    expect(reply).toMatchObject({ ok: true, value: { saved: true, path: saveAs } });
    expect(readFileSync(saveAs).subarray(0, 15).toString()).toBe('SQLite format 3');
    expect(readdirSync(dirname(saveAs)).filter((f) => f.includes('.partial'))).toEqual([]);
  });

  it('turns an unexpected failure into INTERNAL with a log reference, no stack and no path', async () => {
    dialogError = new Error(`EBOOM at ${root}/secret/place\n    at openFiles (${root}/x.js:1:1)`);
    const reply = await engine.dispatcher.dispatch('files.open', { purpose: 'candles' });
    dialogError = undefined;
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const message = (reply as { error: { message: string } }).error.message;
    expect(message).not.toContain(root);
    expect(message).not.toContain('    at ');
    const ref = /ref ([0-9a-f]{8})/.exec(message)?.[1];
    expect(ref).toBeDefined();
    expect(lines.some((l) => l.includes(ref as string) && l.includes('EBOOM'))).toBe(true);
  });
});
