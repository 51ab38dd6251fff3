// Wires the contract dispatcher to Electron's ipcMain, and engine events to every open window.
import { IPC_EVENT, IPC_REQUEST } from '../../shared/contract';
import type { Dispatcher } from '../engine/ipc/dispatcher';
import type { EventBus } from '../engine/ipc/event-bus';

/** The slice of Electron's ipcMain we use; tests pass a stand-in. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame?: { url: string } | null }, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface WebContentsLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface IpcWiring {
  ipcMain: IpcMainLike;
  dispatcher: Dispatcher;
  events: EventBus;
  /** The windows that should receive engine events. */
  targets: () => readonly WebContentsLike[];
  /** Only our own pages may call the engine; a navigated-away frame gets a typed refusal. */
  isTrustedUrl?: (url: string) => boolean;
}

export function wireIpcMain(w: IpcWiring): () => void {
  w.ipcMain.handle(IPC_REQUEST, (event, channel, payload) => {
    const url = event.senderFrame?.url ?? '';
    if (w.isTrustedUrl && !w.isTrustedUrl(url)) {
      return { ok: false, error: { code: 'UNTRUSTED_SENDER', message: 'Request from an untrusted page', area: 'contract' } };
    }
    return w.dispatcher.dispatch(channel, payload);
  });
  const unsubscribe = w.events.subscribe((event, payload) => {
    for (const target of w.targets()) if (!target.isDestroyed()) target.send(IPC_EVENT, event, payload);
  });
  return () => {
    unsubscribe();
    w.ipcMain.removeHandler(IPC_REQUEST);
  };
}
