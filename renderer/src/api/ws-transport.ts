// Contract transport over the headless mode's loopback WebSocket bridge (browser WebSocket API).
import { BridgeServerMessageSchema, type Reply } from '../../../shared/contract';
import type { EventListener, QuorumTransport } from '../../../shared/transport';
import { decodeFrame } from '../../../shared/wire-frames';

/** The subset of the WebSocket API we use, so tests can pass Node's `ws` class. */
export interface WebSocketLike {
  readyState: number;
  /** Set to 'arraybuffer' so binary frames (typed-array columns) arrive decodable synchronously, not as Blobs. */
  binaryType?: string;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: (ev: { data?: unknown }) => void): void;
}
export type WebSocketFactory = (url: string) => WebSocketLike;

const OPEN = 1;

export interface WsTransport extends QuorumTransport {
  ready: Promise<void>;
  close(): void;
}

export function connectWebSocket(url: string, factory: WebSocketFactory = (u) => new WebSocket(u) as unknown as WebSocketLike): WsTransport {
  const socket = factory(url);
  socket.binaryType = 'arraybuffer';
  const pending = new Map<number, (reply: Reply) => void>();
  const listeners = new Map<string, Set<EventListener>>();
  let nextId = 1;
  const ready = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('error', () => reject(new Error(`Cannot connect to the engine bridge at ${url.replace(/token=[^&]+/, 'token=…')}`)));
  });
  socket.addEventListener('close', () => {
    for (const settle of pending.values()) settle({ ok: false, error: { code: 'DISCONNECTED', message: 'Connection to the engine was lost' } });
    pending.clear();
  });
  socket.addEventListener('message', (ev) => {
    const parsed = BridgeServerMessageSchema.safeParse(safeDecode(ev.data));
    if (!parsed.success) return;
    const msg = parsed.data;
    if (msg.type === 'reply') {
      pending.get(msg.id)?.(msg.reply);
      pending.delete(msg.id);
    } else {
      for (const listener of listeners.get(msg.event) ?? []) listener(msg.payload);
    }
  });
  return {
    ready,
    close: () => socket.close(),
    async request(channel, payload) {
      await ready;
      if (socket.readyState !== OPEN) return { ok: false, error: { code: 'DISCONNECTED', message: 'Not connected to the engine' } };
      const id = nextId++;
      return new Promise<Reply>((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ type: 'request', id, channel, payload }));
      });
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set<EventListener>();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}

/** The message in a text or binary frame, or undefined when it cannot be read (the schema check then drops it). */
function safeDecode(data: unknown): unknown {
  // Browsers give a string or (with binaryType 'arraybuffer') an ArrayBuffer; Node's ws may give a Buffer (a Uint8Array).
  if (typeof data !== 'string' && !(data instanceof ArrayBuffer) && !(data instanceof Uint8Array)) return undefined;
  try {
    return decodeFrame(data);
  } catch {
    return undefined;
  }
}
