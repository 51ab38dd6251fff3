// The one entry point for every contract request: validates the payload, runs the handler, validates the reply.
import { randomBytes } from 'node:crypto';
import {
  clip,
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
import { LogThrottle } from '../log/throttle';

export type Handler<C extends RequestChannel> = (payload: ParsedRequest<C>) => Promise<ReplyValue<C>> | ReplyValue<C>;
export type Handlers = { [C in RequestChannel]: Handler<C> };

export class Dispatcher {
  /** A client repeating one bad request (a retry loop, a hostile page) gets a few log lines, then a count. */
  private readonly throttle = new LogThrottle();

  constructor(
    private readonly handlers: Handlers,
    private readonly log?: Logger,
  ) {}

  /** Never throws: whatever arrives, the caller gets a Reply. */
  async dispatch(channel: unknown, payload: unknown): Promise<Reply> {
    try {
      if (!isRequestChannel(channel)) {
        // Never stringify what a client sent as the channel: a BigInt or a cycle would throw, a deep array overflow.
        const shown = typeof channel === 'string' ? JSON.stringify(clip(channel, 80)) : `(a ${typeof channel})`;
        throw new ContractError(`Unknown channel: ${shown}`, 'UNKNOWN_CHANNEL', { field: 'channel' });
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
    const shownChannel = typeof channel === 'string' ? clip(channel, 80) : typeof channel;
    const field = typeof error.details.field === 'string' ? clip(error.details.field, 120) : undefined;
    if (error.code === 'INTERNAL' || error.code === 'INVALID_REPLY') {
      // Our bug: the whole story goes to the log under a reference; the client gets the reference, no stack or path.
      const ref = randomBytes(4).toString('hex');
      this.log?.error({ channel: shownChannel, code: error.code, ref, err }, error.message);
      return { ok: false, error: { code: error.code, message: `Internal error in ${shownChannel} (ref ${ref}); the engine log has the details`, area: error.area } };
    }
    // Unknown channels share one key: a client inventing names must not buy itself a fresh allowance each time.
    const key = error.code === 'UNKNOWN_CHANNEL' ? error.code : `${error.code}:${shownChannel}:${field ?? ''}`;
    const { log, suppressed } = this.throttle.admit(key);
    if (log) this.log?.warn({ channel: shownChannel, code: error.code, field, ...(suppressed ? { suppressed } : {}) }, clip(error.message, 500));
    return { ok: false, error: { code: error.code, message: clip(error.message, 2_000), area: error.area, ...(field ? { field } : {}) } };
  }
}
