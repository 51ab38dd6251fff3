// What goes wrong sending an alert out of the app: one QuorumError class that says whether trying again can help.
import { QuorumError, type ErrorDetails } from '../errors';

/**
 * ALERT_SEND_TIMEOUT    no answer within the per-call budget (retried)
 * ALERT_SEND_UNREACHABLE the service could not be reached: refused, DNS, TLS, reset (retried)
 * ALERT_SEND_HTTP       the service answered with an error status; 408, 425, 429 and 5xx are retried, other 4xx are not
 * ALERT_SEND_REJECTED   the service refused the message for good (bad token, unknown chat, SMTP 5xx, login refused)
 * ALERT_SECRET_MISSING  the channel's secret is not in the keychain (add the channel again)
 * ALERT_SEND_STOPPED    the engine stopped while the message was on its way (retried after the next start)
 *
 * Messages never hold a channel's secret: they are masked before the error is made (see secrets.ts).
 */
export type AlertSendCode =
  | 'ALERT_SEND_TIMEOUT' | 'ALERT_SEND_UNREACHABLE' | 'ALERT_SEND_HTTP' | 'ALERT_SEND_REJECTED' | 'ALERT_SECRET_MISSING' | 'ALERT_SEND_STOPPED';

export class AlertDeliveryError extends QuorumError {
  /** Whether the same message may go through on a later attempt. */
  readonly retryable: boolean;
  /** How long the service asked us to wait (HTTP 429 Retry-After, Telegram's retry_after), in ms. */
  readonly retryAfterMs?: number;

  constructor(message: string, code: AlertSendCode, options: { retryable: boolean; retryAfterMs?: number; details?: ErrorDetails; cause?: unknown }) {
    super(message, code, options.details ?? {}, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
  }
}
