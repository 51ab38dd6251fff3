// The shape every contract transport offers the renderer: Electron's preload API and the WebSocket bridge client alike.
import type { Reply } from './contract';

export type EventListener = (payload: unknown) => void;

export interface QuorumTransport {
  /** Sends a request on a contract channel; resolves with the engine's typed Reply, never rejects for engine errors. */
  request(channel: string, payload: unknown): Promise<Reply>;
  /** Listens to one event stream; returns the unsubscribe function. */
  subscribe(event: string, listener: EventListener): () => void;
}

/** The name under which preload exposes the transport on `window`. */
export const PRELOAD_GLOBAL = 'quorum';
