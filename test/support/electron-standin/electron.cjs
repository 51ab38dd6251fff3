// A stand-in for the `electron` module (Electron's binary cannot be downloaded here): the same API surface the shell
// calls, recording every call in `globalThis.__standin` so a test can assert what the built main bundle asks of
// Electron. CommonJS with `exports.X =` so Node's ESM loader sees the named exports, like the real module's.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- it stands in for a CommonJS module, as electron is */
const { EventEmitter } = require('node:events');
const { existsSync } = require('node:fs');
const { tmpdir } = require('node:os');

const rec = (globalThis.__standin ??= { calls: [], windows: [], trays: [], shortcuts: new Map(), ipc: new Map(), protocols: new Map(), readyAt: undefined });
const note = (what, detail = {}) => rec.calls.push({ what, ready: rec.readyAt !== undefined, ...detail });

class WebContents extends EventEmitter {
  static next = 1;
  constructor() {
    super();
    this.id = WebContents.next++;
    this.mainFrame = { url: '', parent: null };
    this.sent = [];
    this.windowOpenHandler = undefined;
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  send(channel, ...args) {
    this.sent.push([channel, ...args]);
  }
  isDestroyed() {
    return false;
  }
}

class App extends EventEmitter {
  constructor() {
    super();
    this.isPackaged = process.env.STANDIN_PACKAGED === '1';
    this.exitCode = undefined;
    // Electron sets process.resourcesPath (the folder holding app/ or app.asar and the extraResources); plain Node does not.
    if (this.isPackaged && process.env.STANDIN_APP_PATH) process.resourcesPath = require('node:path').dirname(process.env.STANDIN_APP_PATH);
  }
  whenReady() {
    return new Promise((resolve) => setImmediate(() => {
      rec.readyAt = Date.now();
      resolve();
    }));
  }
  getPath(name) {
    return name === 'userData' ? process.env.STANDIN_USER_DATA : tmpdir();
  }
  getAppPath() {
    return process.env.STANDIN_APP_PATH ?? process.cwd();
  }
  getVersion() {
    return '0.1.0';
  }
  getName() {
    return 'Quorum';
  }
  requestSingleInstanceLock() {
    const granted = process.env.STANDIN_SECOND_INSTANCE !== '1';
    note('requestSingleInstanceLock', { granted });
    return granted;
  }
  quit() {
    note('quit');
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('before-quit', event);
    if (event.defaultPrevented) return note('quit-cancelled');
    this.emit('will-quit', { preventDefault() {} });
    this.emit('quit');
    rec.quitDone = true;
  }
  exit(code) {
    note('exit', { code });
    this.exitCode = code;
  }
}
const app = new App();

class BrowserWindow extends EventEmitter {
  static all = [];
  static getAllWindows() {
    return BrowserWindow.all.filter((w) => !w.destroyed);
  }
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    this.destroyed = false;
    this.shown = 0;
    this.focused = 0;
    this.loaded = [];
    BrowserWindow.all.push(this);
    rec.windows.push(this);
    note('BrowserWindow', { options });
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) {
    this.loaded.push(url);
    this.webContents.mainFrame.url = url;
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  loadFile(path) {
    return this.loadURL(`file://${path}`);
  }
  show() { this.shown++; }
  hide() { this.hidden = (this.hidden ?? 0) + 1; }
  focus() { this.focused++; }
  isMinimized() { return false; }
  restore() {}
  isDestroyed() { return this.destroyed; }
}

class Tray {
  constructor(image) {
    this.images = [image];
    this.tooltips = [];
    this.menus = [];
    rec.trays.push(this);
    note('Tray', { image: image.path });
  }
  setImage(image) { this.images.push(image); }
  setToolTip(text) { this.tooltips.push(text); }
  setContextMenu(menu) { this.menus.push(menu); }
  on() {}
}

exports.app = app;
exports.BrowserWindow = BrowserWindow;
exports.Tray = Tray;
exports.Menu = { buildFromTemplate: (template) => ({ items: template }) };
exports.nativeImage = {
  createFromPath(path) {
    note('nativeImage', { path, exists: existsSync(path) });
    return { path, isEmpty: () => !existsSync(path), setTemplateImage() {} };
  },
};
exports.globalShortcut = {
  register(accelerator, callback) {
    note('globalShortcut.register', { accelerator });
    rec.shortcuts.set(accelerator, callback);
    return true;
  },
  unregister(accelerator) {
    rec.shortcuts.delete(accelerator);
  },
  unregisterAll() {
    note('globalShortcut.unregisterAll');
    rec.shortcuts.clear();
  },
  isRegistered: (accelerator) => rec.shortcuts.has(accelerator),
};
exports.ipcMain = {
  handle(channel, handler) {
    note('ipcMain.handle', { channel });
    rec.ipc.set(channel, handler);
  },
  removeHandler(channel) {
    rec.ipc.delete(channel);
  },
};
exports.Notification = class Notification {
  static isSupported() { return true; }
  constructor(options) { this.options = options; }
  show() { note('Notification', { title: this.options.title }); }
};
exports.shell = {
  openExternal: async (url) => note('shell.openExternal', { url }),
  openPath: async (path) => {
    note('shell.openPath', { path });
    return '';
  },
};
exports.dialog = {
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  showSaveDialog: async () => ({ canceled: true }),
  showMessageBoxSync: (options) => {
    note('dialog.showMessageBoxSync', { title: options.title });
    return Number(process.env.STANDIN_DIALOG_ANSWER ?? '1');
  },
  showErrorBox: (title, content) => note('dialog.showErrorBox', { title, content }),
};
exports.session = {
  defaultSession: {
    setPermissionRequestHandler(handler) {
      rec.permissionRequest = handler;
      note('setPermissionRequestHandler');
    },
    setPermissionCheckHandler(handler) {
      rec.permissionCheck = handler;
      note('setPermissionCheckHandler');
    },
  },
};
exports.protocol = {
  registerSchemesAsPrivileged(schemes) {
    note('protocol.registerSchemesAsPrivileged', { schemes });
  },
  handle(scheme, handler) {
    note('protocol.handle', { scheme });
    rec.protocols.set(scheme, handler);
  },
};
exports.contextBridge = {
  exposeInMainWorld(key, api) {
    note('contextBridge.exposeInMainWorld', { key, methods: Object.keys(api) });
    rec.exposed = { key, api };
  },
};
exports.ipcRenderer = { invoke: async () => undefined, on() {} };
