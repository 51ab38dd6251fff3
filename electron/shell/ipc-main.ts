// Wires the contract dispatcher to Electron's ipcMain, and engine events to every open window.
import { IPC_EVENT, IPC_REQUEST } from '../../shared/contract';
import type { Dispatcher } from '../engine/ipc/dispatcher';
import type { EventBus } from '../engine/ipc/event-bus';

/** The slice of Electron's ipcMain we use; tests pass a stand-in. */
/** What Electron tells us about who sent an invoke: the web contents and the frame (top frame: no parent). */
export interface IpcSender {
  sender?: unknown;
  senderFrame?: { url: string; parent?: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcSender, ...args: unknown[]) => unknown): void;
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
  /** Only the main frame of our own window: not an iframe, not another web contents. */
  isOurWindow?: (sender: unknown) => boolean;
}

function untrusted(message: string) {
  return { ok: false, error: { code: 'UNTRUSTED_SENDER', message, area: 'contract' } };
}

export function wireIpcMain(w: IpcWiring): () => void {
  w.ipcMain.handle(IPC_REQUEST, (event, channel, payload) => {
    const frame = event.senderFrame;
    if (w.isTrustedUrl && !w.isTrustedUrl(frame?.url ?? '')) return untrusted('Request from an untrusted page');
    if (w.isOurWindow && (!frame || (frame.parent !== null && frame.parent !== undefined) || !w.isOurWindow(event.sender))) {
      return untrusted('Request from a frame that is not the main frame of the Quorum window');
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
