// Loads a built main bundle under plain Node with the electron stand-in (see register.mjs), lets it start, probes
// what it set up — window, protocol, IPC, guards, tray, hotkey — quits it, and prints one report line as JSON.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [mainBundle, preloadBundle] = process.argv.slice(2);
const rec = (globalThis.__standin ??= { calls: [], windows: [], trays: [], shortcuts: new Map(), ipc: new Map(), protocols: new Map() });
const report = { errors: [] };
process.on('uncaughtException', (err) => report.errors.push(`uncaught: ${err.stack ?? err}`));
process.on('unhandledRejection', (err) => report.errors.push(`unhandled: ${err?.stack ?? err}`));

const until = async (ok, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return ok();
};

try {
  await import(pathToFileURL(mainBundle).href);
} catch (err) {
  report.errors.push(`import: ${err.stack ?? err}`);
}
const { app } = (await import('electron')).default ?? (await import('electron'));
const started = await until(() => rec.windows.length > 0 && rec.trays.length > 0 || app.exitCode !== undefined || rec.calls.some((c) => c.what === 'quit'));
report.started = started && app.exitCode === undefined && !rec.calls.some((c) => c.what === 'quit');

async function probe() {
  const win = rec.windows[0];
  const wc = win.webContents;
  report.window = { count: rec.windows.length, webPreferences: win.options.webPreferences, preloadExists: existsSync(win.options.webPreferences.preload), loaded: win.loaded };
  const handler = rec.protocols.get('app');
  const get = async (url) => {
    const res = await handler(new Request(url));
    return { status: res.status, csp: res.headers.get('content-security-policy'), body: res.status === 200 ? (await res.text()).slice(0, 4000) : '' };
  };
  report.protocol = handler ? { index: await get('app://quorum/index.html'), traversal: await get('app://quorum/%2e%2e/%2e%2e/package.json'), otherHost: await get('app://evil/index.html') } : undefined;
  const invoke = rec.ipc.get('quorum:request');
  const ask = (event, channel, payload = {}) => invoke(event, channel, payload);
  const mainFrame = { sender: wc, senderFrame: { url: win.loaded[0], parent: null } };
  report.ipc = {
    channels: [...rec.ipc.keys()],
    fromMainFrame: await ask(mainFrame, 'engine.status'),
    fromIframe: await ask({ sender: wc, senderFrame: { url: win.loaded[0], parent: {} } }, 'engine.status'),
    fromOtherContents: await ask({ sender: {}, senderFrame: { url: win.loaded[0], parent: null } }, 'engine.status'),
    fromOtherPage: await ask({ sender: wc, senderFrame: { url: 'https://evil.example/', parent: null } }, 'engine.status'),
  };
  const prevented = (event, url) => {
    let blocked = false;
    wc.emit(event, { url, preventDefault: () => (blocked = true) }, url);
    return blocked;
  };
  report.guards = {
    navigateAway: prevented('will-navigate', 'https://evil.example/'),
    frameNavigateAway: prevented('will-frame-navigate', 'https://evil.example/'),
    redirectAway: prevented('will-redirect', 'file:///etc/passwd'),
    navigateHome: prevented('will-navigate', win.loaded[0]),
    windowOpen: wc.windowOpenHandler?.({ url: 'https://github.com/' }),
    windowOpenEvil: wc.windowOpenHandler?.({ url: 'https://evil.example/' }),
  };
  let granted;
  rec.permissionRequest?.(wc, 'media', (g) => (granted = g));
  report.permissions = { requestGranted: granted, checkGranted: rec.permissionCheck?.(wc, 'notifications', win.loaded[0], {}) };
  const focusedBefore = win.focused;
  app.emit('second-instance', {}, ['quorum'], process.cwd());
  report.secondInstanceFocused = win.focused > focusedBefore;
  const [accelerator, press] = [...rec.shortcuts.entries()][0] ?? [];
  report.hotkey = { accelerator };
  if (press) {
    press();
    report.hotkey.riskAfterPress = (await ask(mainFrame, 'risk.state')).value?.killSwitch;
  }
  report.appInfo = await ask(mainFrame, 'app.info');
  // The first-run sample: the engine finds it where the shell says (process.resourcesPath/samples when packaged).
  report.sample = await ask(mainFrame, 'data.loadSample');
  report.openLogs = await ask(mainFrame, 'app.openLogs');
  const closes = [];
  const noticesBefore = rec.calls.filter((c) => c.what === 'Notification').length;
  for (let i = 0; i < 2; i++) {
    let prevented = false;
    win.emit('close', { preventDefault: () => (prevented = true) });
    closes.push({ prevented, hidden: win.hidden ?? 0, notices: rec.calls.filter((c) => c.what === 'Notification').length - noticesBefore });
  }
  report.closeToTray = closes;
  const tray = rec.trays[0];
  report.tray = { images: tray.images.map((i) => i.path), tooltip: tray.tooltips.at(-1), menu: tray.menus.at(-1)?.items.map((i) => i.label) };
}

if (report.started) {
  try {
    await probe();
  } catch (err) {
    report.errors.push(`probe: ${err.stack ?? err}`);
  }
  app.quit();
}
report.calls = rec.calls.map(({ what, ready, ...rest }) => ({ what, ready, ...rest }));
report.exitCode = app.exitCode;
report.quitDone = rec.quitDone === true;
report.shortcutsLeft = rec.shortcuts.size;
if (preloadBundle) {
  const { createRequire } = await import('node:module');
  rec.exposed = undefined;
  createRequire(import.meta.url)(preloadBundle);
  report.preload = rec.exposed ? { key: rec.exposed.key, methods: Object.keys(rec.exposed.api) } : undefined;
}
process.stdout.write(`STANDIN_REPORT ${JSON.stringify(report, (_k, v) => (typeof v === 'function' ? '[function]' : v))}\n`);
setTimeout(() => process.exit(0), 200);
