// Electron main process: a thin shell that starts the engine and connects window, tray, notifications and updater.
import { app, BrowserWindow, dialog, globalShortcut, ipcMain, Menu, nativeImage, Notification, shell, Tray } from 'electron';
import { autoUpdater } from 'electron-updater';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from './engine/engine';
import { forwardAlerts } from './shell/alert-notifier';
import { keychainStore } from './shell/keychain';
import { nativeFileDialogs } from './shell/file-dialogs';
import { wireIpcMain } from './shell/ipc-main';
import { trayIconName, trayMenu, trayTooltip, type TrayState } from './shell/tray-menu';
import { decideWindowOpen, isAppUrl, shouldBlockNavigation } from './shell/window-policy';

const here = dirname(fileURLToPath(import.meta.url));
let engine: Engine | undefined;
let window: BrowserWindow | undefined;
let tray: Tray | undefined;

function appUrl(): string {
  return process.env.ELECTRON_RENDERER_URL ?? `file://${join(here, '../renderer/index.html')}`;
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    show: false,
    title: 'Quorum',
    webPreferences: { preload: join(here, '../preload/preload.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false },
  });
  win.webContents.setWindowOpenHandler(({ url }) => decideWindowOpen(url, shell.openExternal));
  win.webContents.on('will-navigate', (event, url) => {
    if (shouldBlockNavigation(url, appUrl(), shell.openExternal)) event.preventDefault();
  });
  win.once('ready-to-show', () => win.show());
  void (process.env.ELECTRON_RENDERER_URL ? win.loadURL(appUrl()) : win.loadFile(join(here, '../renderer/index.html')));
  return win;
}

function showWindow(): void {
  if (!window || window.isDestroyed()) window = createWindow();
  window.show();
  window.focus();
}

function trayImage(state: TrayState) {
  return nativeImage.createFromPath(join(here, '../../resources', `${trayIconName(state)}.png`));
}

function refreshTray(): void {
  if (!engine || !tray) return;
  const state: TrayState = { ...engine.status(), risk: engine.safety.state() };
  tray.setImage(trayImage(state));
  tray.setToolTip(trayTooltip(state));
  tray.setContextMenu(
    Menu.buildFromTemplate(
      trayMenu(state, {
        showWindow,
        emergencyStop: () => engine?.safety.emergencyStop('tray'),
        quit: () => app.quit(),
      }),
    ),
  );
}

async function start(): Promise<void> {
  engine = Engine.start({
    dbPath: join(app.getPath('userData'), 'quorum.db'), host: 'electron', heartbeatMs: 1000, credentials: keychainStore(),
    dialogs: nativeFileDialogs(dialog, () => (window && !window.isDestroyed() ? window : undefined)),
  });
  wireIpcMain({
    ipcMain,
    dispatcher: engine.dispatcher,
    events: engine.events,
    targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
    isTrustedUrl: (url) => isAppUrl(url, appUrl()),
  });
  forwardAlerts(engine.events, { notify: (title, body, urgent) => new Notification({ title, body, urgency: urgent ? 'critical' : 'normal' }).show() });
  tray = new Tray(trayImage({ ...engine.status(), risk: engine.safety.state() }));
  refreshTray();
  engine.events.subscribe((event) => {
    if (event === 'settings.changed' || event === 'risk.changed') refreshTray();
  });
  const hotkey = engine.settings.load().emergencyStopHotkey;
  if (!globalShortcut.register(hotkey, () => engine?.safety.emergencyStop('hotkey'))) {
    engine.raiseAlert({ level: 'warning', source: 'hotkey', message: `The emergency-stop hotkey ${hotkey} is taken by another app; use the tray or change it in settings` });
  }
  window = createWindow();
  if (app.isPackaged) void autoUpdater.checkForUpdatesAndNotify();
}

app.whenReady().then(start).catch((err: unknown) => {
  console.error(`Quorum failed to start: ${err instanceof Error ? err.message : String(err)}`);
  app.exit(1);
});
app.on('activate', showWindow);
app.on('will-quit', () => {
  globalShortcut.unregisterAll();
  engine?.close();
});
// Quorum lives in the tray: closing the last window keeps the engine running.
app.on('window-all-closed', () => undefined);
