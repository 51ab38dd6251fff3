// A stand-in for Electron's ipcMain/ipcRenderer/webContents: same call shapes, arguments structured-cloned as Electron does.
import type { IpcMainLike, WebContentsLike } from '../../electron/shell/ipc-main';
import type { IpcRendererLike } from '../../electron/preload-api';

type MainHandler = Parameters<IpcMainLike['handle']>[1];
type RendererListener = (event: unknown, ...args: unknown[]) => void;

export function createFakeElectronIpc(frameUrl = 'file:///app/out/renderer/index.html') {
  const handlers = new Map<string, MainHandler>();
  const listeners = new Map<string, Set<RendererListener>>();
  let url = frameUrl;

  const ipcMain: IpcMainLike = {
    handle(channel, handler) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  const ipcRenderer: IpcRendererLike = {
    async invoke(channel, ...args) {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`Error invoking remote method '${channel}': No handler registered`);
      return structuredClone(await handler({ senderFrame: { url } }, ...structuredClone(args)));
    },
    on(channel, listener) {
      const set = listeners.get(channel) ?? new Set<RendererListener>();
      set.add(listener);
      listeners.set(channel, set);
    },
  };
  const webContents: WebContentsLike = {
    send(channel, ...args) {
      for (const listener of listeners.get(channel) ?? []) listener({}, ...structuredClone(args));
    },
    isDestroyed: () => false,
  };
  return { ipcMain, ipcRenderer, webContents, setFrameUrl: (next: string) => (url = next) };
}
