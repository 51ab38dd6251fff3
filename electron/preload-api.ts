// What preload exposes to the page: the contract's request/subscribe and nothing else (no raw ipcRenderer).
import { IPC_EVENT, IPC_REQUEST, isEventName, isRequestChannel, ReplySchema, type Reply } from '../shared/contract';
import type { EventListener, QuorumTransport } from '../shared/transport';

/** The slice of Electron's ipcRenderer we use; tests pass a stand-in. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createPreloadApi(ipc: IpcRendererLike): QuorumTransport {
  const listeners = new Map<string, Set<EventListener>>();
  ipc.on(IPC_EVENT, (_event, name, payload) => {
    for (const listener of listeners.get(String(name)) ?? []) listener(payload);
  });
  return Object.freeze({
    async request(channel: string, payload: unknown): Promise<Reply> {
      if (!isRequestChannel(channel)) {
        return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel: ${JSON.stringify(channel)}`, area: 'contract', field: 'channel' } };
      }
      const reply = ReplySchema.safeParse(await ipc.invoke(IPC_REQUEST, channel, payload));
      return reply.success ? reply.data : { ok: false, error: { code: 'INVALID_REPLY', message: 'Malformed reply from the engine' } };
    },
    subscribe(event: string, listener: EventListener): () => void {
      if (!isEventName(event)) throw new Error(`Unknown event stream: ${event}`);
      const set = listeners.get(event) ?? new Set<EventListener>();
      set.add(listener);
      listeners.set(event, set);
      return () => {
        set.delete(listener);
      };
    },
  });
}
