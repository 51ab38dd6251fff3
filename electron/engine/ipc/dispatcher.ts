// The one entry point for every contract request: validates the payload, runs the handler, validates the reply.
import {
  describeIssues,
  isRequestChannel,
  requests,
  type ParsedRequest,
  type Reply,
  type ReplyValue,
  type RequestChannel,
} from '../../../shared/contract';
import { asQuorumError, ContractError, QuorumError } from '../errors';
import type { Logger } from '../log/logger';

export type Handler<C extends RequestChannel> = (payload: ParsedRequest<C>) => Promise<ReplyValue<C>> | ReplyValue<C>;
export type Handlers = { [C in RequestChannel]: Handler<C> };

export class Dispatcher {
  constructor(
    private readonly handlers: Handlers,
    private readonly log?: Logger,
  ) {}

  /** Never throws: whatever arrives, the caller gets a Reply. */
  async dispatch(channel: unknown, payload: unknown): Promise<Reply> {
    try {
      if (!isRequestChannel(channel)) {
        throw new ContractError(`Unknown channel: ${JSON.stringify(channel)}`, 'UNKNOWN_CHANNEL', { field: 'channel' });
      }
      const value = await this.run(channel, payload);
      return { ok: true, value };
    } catch (err) {
      return this.failure(channel, err);
    }
  }

  private async run<C extends RequestChannel>(channel: C, payload: unknown): Promise<unknown> {
    const spec = requests[channel];
    const parsed = spec.request.safeParse(payload ?? {});
    if (!parsed.success) {
      const { message, field } = describeIssues(parsed.error);
      throw new ContractError(`Invalid payload for ${channel}: ${message}`, 'INVALID_PAYLOAD', { field });
    }
    const handler = this.handlers[channel] as Handler<C>;
    const result = await handler(parsed.data as ParsedRequest<C>);
    const reply = spec.reply.safeParse(result);
    if (!reply.success) {
      // A bug on our side: report it as internal, but still as a typed reply.
      throw new QuorumError(`Reply for ${channel} broke the contract: ${describeIssues(reply.error).message}`, 'INVALID_REPLY');
    }
    return reply.data;
  }

  private failure(channel: unknown, err: unknown): Reply {
    const error = asQuorumError(err);
    const level = error.code === 'INTERNAL' || error.code === 'INVALID_REPLY' ? 'error' : 'warn';
    this.log?.[level]({ channel, code: error.code, err: error.code === 'INTERNAL' ? err : undefined }, error.message);
    const field = typeof error.details.field === 'string' ? error.details.field : undefined;
    return { ok: false, error: { code: error.code, message: error.message, area: error.area, ...(field ? { field } : {}) } };
  }
}
