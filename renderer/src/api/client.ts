// The renderer's one contract client: typed requests and events over any transport, replies validated on arrival.
import {
  events,
  requests,
  ReplySchema,
  type EventName,
  type EventPayload,
  type ReplyValue,
  type RequestChannel,
  type RequestPayload,
  type WireError,
} from '../../../shared/contract';
import type { QuorumTransport } from '../../../shared/transport';

/** An engine error as the renderer sees it: code, readable message, and the field at fault when known. */
export class EngineRequestError extends Error {
  readonly code: string;
  readonly field?: string;
  constructor(error: WireError) {
    super(error.message);
    this.name = 'EngineRequestError';
    this.code = error.code;
    this.field = error.field;
  }
}

export interface QuorumClient {
  request<C extends RequestChannel>(channel: C, payload: RequestPayload<C>): Promise<ReplyValue<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createClient(transport: QuorumTransport): QuorumClient {
  return {
    async request(channel, payload) {
      const reply = ReplySchema.parse(await transport.request(channel, payload));
      if (!reply.ok) throw new EngineRequestError(reply.error);
      const value = requests[channel].reply.safeParse(reply.value);
      if (!value.success) throw new EngineRequestError({ code: 'INVALID_REPLY', message: `Engine reply for ${channel} did not match the contract` });
      return value.data as ReplyValue<typeof channel>;
    },
    on(event, listener) {
      return transport.subscribe(event, (payload) => {
        const parsed = events[event].safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<typeof event>);
      });
    },
  };
}
