// Electron main process: a thin shell that starts the engine and connects window, tray, hotkey, dialogs, notifications
// and updates. Each concern lives in electron/shell/; this file only composes them.
import { app, BrowserWindow, dialog, globalShortcut, ipcMain, Menu, nativeImage, Notification, protocol, session, shell, Tray } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from './engine/engine';
import { logDirFor } from './engine/log/log-files';
import { createLogger, type Logger } from './engine/log/logger';
import { forwardAlerts } from './shell/alert-notifier';
import { APP_INDEX_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolHandler } from './shell/app-protocol';
import { nativeFileDialogs } from './shell/file-dialogs';
import { denyAllPermissions, guardWebContents } from './shell/hardening';
import { EmergencyHotkey } from './shell/hotkey';
import { wireIpcMain } from './shell/ipc-main';
import { keychainSecret, keychainStore } from './shell/keychain';
import { atStake, trayStateOf } from './shell/shell-state';
import { TRAY_ICON_NAMES, trayIconFile, trayIconName, trayMenu, trayTooltip, type TrayIconName } from './shell/tray-menu';
import { quitNeedsConfirmation } from './shell/update-policy';
import { startUpdates, type Updates } from './shell/updates';
import { isAppUrl } from './shell/window-policy';

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '../renderer');
const resourcesDir = join(here, '../../resources');
let engine: Engine | undefined;
let window: BrowserWindow | undefined;
let tray: Tray | undefined;
let updates: Updates | undefined;
let quitConfirmed = false;
let logger: Logger | undefined;

/** The dev server only while developing; a packaged app never loads a URL from the environment. */
function appUrl(): string {
  return !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : APP_INDEX_URL;
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    show: false,
    title: 'Quorum',
    webPreferences: {
      preload: join(here, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      // A middle click must not open a link in a new window (Electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  win.on('close', (event) => keepInTray(event, win));
  void win.loadURL(appUrl());
  return win;
}

/** Closing the window hides it (the engine keeps watching from the tray) unless the trader turned that off. */
function keepInTray(event: Electron.Event, win: BrowserWindow): void {
  if (quitConfirmed || !engine) return;
  event.preventDefault();
  const settings = engine.settings.load();
  if (!settings.closeToTray) {
    app.quit();
    return;
  }
  win.hide();
  if (!settings.trayNoticeShown) {
    new Notification({ title: 'Quorum is still running', body: 'It keeps watching your sessions and the kill switch from the tray. Quit from the tray menu.' }).show();
    engine.settings.setInternal({ trayNoticeShown: true });
  }
}

function showWindow(): void {
  if (!window || window.isDestroyed()) window = createWindow();
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

const trayImages = new Map<TrayIconName, Electron.NativeImage>();

function trayImage(name: TrayIconName): Electron.NativeImage {
  let image = trayImages.get(name);
  if (!image) {
    image = nativeImage.createFromPath(join(resourcesDir, trayIconFile(name, process.platform)));
    if (process.platform === 'darwin') image.setTemplateImage(true);
    trayImages.set(name, image);
  }
  return image;
}

/** Asks before acting on money: flatten closes every position at market. */
function confirm(title: string, detail: string, action: string): boolean {
  return dialog.showMessageBoxSync({ type: 'warning', title, message: title, detail, buttons: ['Cancel', action], defaultId: 0, cancelId: 0 }) === 1;
}

function refreshTray(): void {
  if (!engine || !tray) return;
  const state = trayStateOf(engine);
  tray.setImage(trayImage(trayIconName(state)));
  tray.setToolTip(trayTooltip(state));
  tray.setContextMenu(
    Menu.buildFromTemplate(
      trayMenu(state, {
        showWindow,
        // Pauses entries of every running session (exits and protection go on); the kill switch stays for emergencies.
        pauseEntries: () => {
          for (const s of engine?.desk.status().sessions ?? []) if (s.status === 'running') engine?.desk.pause(s.id, true);
        },
        emergencyStop: () => engine?.safety.emergencyStop('tray'),
        flattenAll: () => {
          if (confirm('Flatten all positions?', 'Cancels every open order and closes every position Quorum holds at market, then halts.', 'Flatten all')) {
            engine?.safety.trip('flatten', 'flatten all from the tray', 'tray');
          }
        },
        rearm: showWindow,
        quit: () => app.quit(),
      }),
    ),
  );
}

function startEngine(): Engine {
  const dbPath = join(app.getPath('userData'), 'quorum.db');
  logger = createLogger({ file: { dir: logDirFor(dbPath) } });
  return Engine.start({
    dbPath, host: 'electron', heartbeatMs: 1000, credentials: keychainStore(), logger, webhookSecret: keychainSecret('kill-switch-webhook'),
    // The packaged app carries its models and sample data in resources/ (electron-builder extraResources); a dev run uses the project's.
    ...(app.isPackaged ? { modelsDir: join(process.resourcesPath, 'models'), samplesDir: join(process.resourcesPath, 'samples') } : {}),
    dialogs: nativeFileDialogs(dialog, () => (window && !window.isDestroyed() ? window : undefined)),
    desktop: {
      openFolder: async (path) => {
        const failure = await shell.openPath(path);
        if (failure) throw new Error(failure);
      },
      updateStatus: () => updates?.status() ?? { state: 'disabled' },
    },
  });
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, appProtocolHandler(rendererDir));
  const running = (engine = startEngine());
  wireIpcMain({
    ipcMain,
    dispatcher: running.dispatcher,
    events: running.events,
    targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
    isTrustedUrl: (url) => isAppUrl(url, appUrl()),
    isOurWindow: (sender) => window !== undefined && !window.isDestroyed() && sender === window.webContents,
  });
  forwardAlerts(running.events, { notify: (title, body, urgent) => new Notification({ title, body, urgency: urgent ? 'critical' : 'normal' }).show() });
  for (const name of TRAY_ICON_NAMES) {
    if (trayImage(name).isEmpty()) running.log.error({ icon: name }, 'tray icon missing from the build');
  }
  tray = new Tray(trayImage('tray-paper'));
  refreshTray();
  const hotkey = new EmergencyHotkey(globalShortcut, () => running.safety.emergencyStop('hotkey'), (alert) => running.raiseAlert(alert));
  hotkey.use(running.settings.load().emergencyStopHotkey);
  running.events.subscribe((event) => {
    if (event === 'settings.changed') hotkey.use(running.settings.load().emergencyStopHotkey);
    if (event === 'settings.changed' || event === 'risk.changed' || event === 'desk.changed') refreshTray();
  });
  window = createWindow();
  if (app.isPackaged) updates = startUpdates({ channel: () => running.settings.load().updateChannel, log: running.log });
}

function failedToStart(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  const logs = logDirFor(join(app.getPath('userData'), 'quorum.db'));
  console.error(`Quorum failed to start: ${message}`);
  dialog.showErrorBox('Quorum could not start', `${message}\n\nThe log files are in ${logs}`);
  app.exit(1);
}

// Before ready: a privileged scheme must be declared before the app is.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  // Another Quorum owns the database: it focuses its window (second-instance); this one leaves at once.
  app.quit();
} else {
  app.on('second-instance', showWindow);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, appUrl, (url) => shell.openExternal(url)));
  app.whenReady().then(start).catch(failedToStart);
  app.on('activate', showWindow);
  app.on('before-quit', (event) => {
    if (!engine || quitConfirmed) return;
    const stake = atStake(engine);
    if (quitNeedsConfirmation(stake) && !confirm('Quit Quorum?', 'A live session is running or positions are open; they are no longer watched once Quorum quits.', 'Quit')) {
      event.preventDefault();
      return;
    }
    quitConfirmed = true;
    updates?.onQuit(stake, () => confirm('Install the update now?', 'Quorum restarts to install it.', 'Install'));
  });
  app.on('will-quit', () => {
    globalShortcut.unregisterAll();
    updates?.stop();
    engine?.close();
    engine = undefined;
    logger?.flush();
  });
  // Quorum lives in the tray: closing the last window keeps the engine running.
  app.on('window-all-closed', () => undefined);
}
