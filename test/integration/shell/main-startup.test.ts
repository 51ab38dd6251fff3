// The built desktop shell (out/main/main.js), started under plain Node with a stand-in for `electron` supplied through
// Node's module hooks — Electron itself cannot be downloaded here, so this is what proves the shell starts: the bundle
// links (the electron-updater named import once failed here), every file it points at exists, and it asks Electron for
// a hardened window, the app:// protocol, guarded IPC, a tray, the hotkey and one instance; then it quits cleanly.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { tempDir } from '../../support/temp';

const root = resolve(import.meta.dirname, '..', '..', '..');
const standin = join(root, 'test', 'support', 'electron-standin');
const built = existsSync(join(root, 'out', 'main', 'main.js')) && existsSync(join(root, 'out', 'renderer', 'index.html'));

interface Report {
  errors: string[];
  started: boolean;
  window?: { count: number; webPreferences: Record<string, unknown>; preloadExists: boolean; loaded: string[] };
  protocol?: Record<'index' | 'traversal' | 'otherHost', { status: number; csp: string | null; body: string }>;
  ipc?: Record<string, unknown> & { channels: string[] };
  guards?: Record<string, unknown>;
  permissions?: { requestGranted?: boolean; checkGranted?: boolean };
  secondInstanceFocused?: boolean;
  hotkey?: { accelerator?: string; riskAfterPress?: { isTripped: boolean; source?: string } };
  appInfo?: unknown;
  sample?: { ok: boolean; value?: { file: string; key: unknown; inserted: number; committed: boolean }; error?: unknown };
  openLogs?: unknown;
  closeToTray?: unknown;
  tray?: { images: string[]; tooltip?: string; menu?: string[] };
  calls: { what: string; ready: boolean; [k: string]: unknown }[];
  exitCode?: number;
  quitDone: boolean;
  shortcutsLeft: number;
  preload?: { key: string; methods: string[] };
}

function launch(mainBundle: string, env: Record<string, string>, preload?: string): Report {
  const child = spawnSync(process.execPath, ['--import', join(standin, 'register.mjs'), join(standin, 'driver.mjs'), mainBundle, ...(preload ? [preload] : [])], {
    env: { ...process.env, QUORUM_LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith('STANDIN_REPORT '));
  if (!line) throw new Error(`no report (exit ${child.status}):\n${child.stdout.slice(-3000)}\n${child.stderr.slice(-3000)}`);
  return JSON.parse(line.slice('STANDIN_REPORT '.length)) as Report;
}

const called = (r: Report, what: string) => r.calls.filter((c) => c.what === what);

function expectHardenedStart(r: Report, userData: string) {
  expect(r.errors).toEqual([]);
  expect(r.started).toBe(true);
  // One window: isolated, sandboxed, no Node, an existing preload, loaded from app:// (not file://).
  expect(r.window?.count).toBe(1);
  expect(r.window?.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
  expect(r.window?.preloadExists).toBe(true);
  // The renderer over app://, with the CSP, and nothing outside the renderer folder.
  expect(called(r, 'protocol.registerSchemesAsPrivileged')[0]).toMatchObject({ ready: false });
  expect(r.protocol?.index.status).toBe(200);
  expect(r.protocol?.index.body).toContain('<div id="root">');
  expect(r.protocol?.index.body).toContain('http-equiv="Content-Security-Policy"');
  expect(r.protocol?.index.csp).toContain("default-src 'self'");
  expect(r.protocol?.traversal.status).toBe(404);
  expect(r.protocol?.otherHost.status).toBe(404);
  // IPC: answered for our window's main frame only.
  expect(r.ipc?.channels).toEqual(['quorum:request']);
  expect(r.ipc?.fromMainFrame).toMatchObject({ ok: true, value: { host: 'electron', fileDialogs: true } });
  for (const k of ['fromIframe', 'fromOtherContents', 'fromOtherPage']) expect(r.ipc?.[k], k).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } });
  // Guards on every web contents; permissions denied.
  expect(r.guards).toMatchObject({ navigateAway: true, frameNavigateAway: true, redirectAway: true, navigateHome: false, windowOpen: { action: 'deny' }, windowOpenEvil: { action: 'deny' } });
  expect(called(r, 'shell.openExternal').map((c) => c.url)).toEqual(['https://github.com/']);
  expect(r.permissions).toEqual({ requestGranted: false, checkGranted: false });
  // Tray with an existing image for every state; hotkey; one instance.
  const images = called(r, 'nativeImage');
  expect(images.length).toBeGreaterThanOrEqual(4);
  for (const image of images) expect(image, String(image.path)).toMatchObject({ exists: true });
  expect(r.tray?.tooltip).toMatch(/Quorum/);
  expect(r.tray?.menu).toContain('Emergency stop');
  expect(called(r, 'requestSingleInstanceLock')).toEqual([expect.objectContaining({ granted: true })]);
  expect(r.secondInstanceFocused).toBe(true);
  expect(r.hotkey?.accelerator).toBe('CommandOrControl+Shift+K');
  expect(r.hotkey?.riskAfterPress).toMatchObject({ isTripped: true, source: 'hotkey' });
  // The app's folders for Settings; the log folder opens in the file manager; closing the window keeps Quorum in the
  // tray, with the notice only the first time.
  expect(r.appInfo).toMatchObject({ ok: true, value: { dataDir: userData, logDir: join(userData, 'logs'), canOpenFolders: true } });
  expect(r.openLogs).toMatchObject({ ok: true, value: { opened: true, path: join(userData, 'logs') } });
  expect(called(r, 'shell.openPath').map((c) => c.path)).toEqual([join(userData, 'logs')]);
  expect(r.closeToTray).toEqual([{ prevented: true, hidden: 1, notices: 1 }, { prevented: true, hidden: 2, notices: 1 }]);
  // Clean quit: shortcuts released, engine closed (its one-process lock on the database is gone).
  expect(r.quitDone).toBe(true);
  expect(r.shortcutsLeft).toBe(0);
  expect(called(r, 'globalShortcut.unregisterAll')).toHaveLength(1);
  expect(existsSync(join(userData, 'quorum.db'))).toBe(true);
  expect(existsSync(join(userData, 'quorum.db.lock'))).toBe(false);
  expect(r.exitCode).toBeUndefined();
}

describe.skipIf(!built)('the built main bundle (npm test builds it first) under a stand-in electron', () => {
  it('starts hardened, serves the renderer over app://, guards IPC, sets up tray and hotkey, and quits cleanly', () => {
    const userData = tempDir();
    const r = launch(join(root, 'out', 'main', 'main.js'), { STANDIN_USER_DATA: userData }, join(root, 'out', 'preload', 'preload.cjs'));
    expectHardenedStart(r, userData);
    expect(r.window?.loaded).toEqual(['app://quorum/index.html']);
    expect(r.preload).toEqual({ key: 'quorum', methods: ['request', 'subscribe'] });
  });

  it('starts from the layout electron-builder packs (app.isPackaged), ignoring ELECTRON_RENDERER_URL', () => {
    const dir = tempDir();
    const app = join(dir, 'Quorum', 'resources', 'app');
    mkdirSync(app, { recursive: true });
    // resources/samples is left out of app/ as electron-builder.yml's files list does: it ships as an extra resource.
    const samples = join(root, 'resources', 'samples');
    for (const part of ['out', 'resources']) cpSync(join(root, part), join(app, part), { recursive: true, filter: (src) => !src.startsWith(samples) });
    // electron-builder's extraResources: the shipped models and sample data beside app/, where the packaged main process looks.
    cpSync(join(root, 'models'), join(dir, 'Quorum', 'resources', 'models'), { recursive: true });
    cpSync(samples, join(dir, 'Quorum', 'resources', 'samples'), { recursive: true });
    cpSync(join(root, 'package.json'), join(app, 'package.json'));
    symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'));
    const userData = join(dir, 'userData');
    mkdirSync(userData);
    const r = launch(join(app, 'out', 'main', 'main.js'), {
      STANDIN_USER_DATA: userData, STANDIN_PACKAGED: '1', STANDIN_APP_PATH: app, ELECTRON_RENDERER_URL: 'http://evil.example:5173/',
    });
    expectHardenedStart(r, userData);
    expect(r.window?.loaded).toEqual(['app://quorum/index.html']);
    for (const image of called(r, 'nativeImage')) expect(String(image.path).startsWith(app)).toBe(true);
    // Found only at process.resourcesPath/samples (app/ has no copy): the first-run guide works in the packaged app.
    expect(existsSync(join(app, 'resources', 'samples'))).toBe(false);
    expect(r.sample).toMatchObject({ ok: true, value: { file: 'BTC_USDT-1h.csv.gz', key: { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h' }, inserted: 5217, committed: true } });
  });

  it('in development, loads the dev server named by ELECTRON_RENDERER_URL', () => {
    const userData = tempDir();
    const r = launch(join(root, 'out', 'main', 'main.js'), { STANDIN_USER_DATA: userData, ELECTRON_RENDERER_URL: 'http://localhost:5173/' });
    expect(r.errors).toEqual([]);
    expect(r.window?.loaded).toEqual(['http://localhost:5173/']);
    expect(r.ipc?.fromMainFrame).toMatchObject({ ok: true });
  });

  it('a second launch leaves at once: no engine, no window', () => {
    const userData = tempDir();
    const r = launch(join(root, 'out', 'main', 'main.js'), { STANDIN_USER_DATA: userData, STANDIN_SECOND_INSTANCE: '1' });
    expect(r.errors).toEqual([]);
    expect(r.started).toBe(false);
    expect(called(r, 'BrowserWindow')).toHaveLength(0);
    expect(called(r, 'quit')).toHaveLength(1);
    expect(existsSync(join(userData, 'quorum.db'))).toBe(false);
  });

  it('a start-up failure shows an error dialog naming the log folder, and exits 1', () => {
    const userData = tempDir();
    const other = Engine.start({ dbPath: join(userData, 'quorum.db'), host: 'cli', deskPollMs: 0, killSwitchPollMs: 0 });
    try {
      const r = launch(join(root, 'out', 'main', 'main.js'), { STANDIN_USER_DATA: userData });
      expect(r.exitCode).toBe(1);
      const [box] = called(r, 'dialog.showErrorBox');
      expect(box).toMatchObject({ title: 'Quorum could not start' });
      expect(String(box.content)).toMatch(/already running/);
      expect(String(box.content)).toContain(join(userData, 'logs'));
    } finally {
      other.close();
    }
  });
});
