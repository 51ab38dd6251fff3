// Typed engine events; each transport (Electron IPC, WebSocket bridge) subscribes and forwards them.
import type { EventName, EventPayload } from '../../../shared/contract';

export type AnyEventListener = (event: EventName, payload: unknown) => void;

export class EventBus {
  private readonly listeners = new Set<AnyEventListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch (err) {
        // One broken transport must not stop the others from hearing about a breaker trip.
        queueMicrotask(() => {
          throw err;
        });
      }
    }
  }

  subscribe(listener: AnyEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
