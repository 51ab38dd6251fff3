// Sorts what ccxt throws into the few cases the retry rules care about, by ccxt's class names (no runtime import).
import { ExchangeTimeoutError, QuorumError } from '../../errors';

/**
 * - notPlaced: the exchange refused the request before acting on it (429 rate limit, timestamp outside recvWindow):
 *   resending is safe after a pause.
 * - ambiguous: the request may or may not have taken effect (timeout, dropped connection, 5xx): an order must be
 *   looked up before it is ever sent again.
 * - duplicate: the exchange already has an order with this client id: look it up, never resend.
 * - notFound: the order (or the cancel's target) does not exist.
 * - rejected: a definitive refusal (bad params, filters, insufficient funds, auth): retrying cannot help.
 */
export type ErrorKind = 'rateLimit' | 'clockSkew' | 'ambiguous' | 'duplicate' | 'notFound' | 'rejected';

const KINDS: readonly ErrorKind[] = ['rateLimit', 'clockSkew', 'ambiguous', 'duplicate', 'notFound', 'rejected'];

function classNames(err: unknown): string[] {
  const names: string[] = [];
  let proto: unknown = err === null || typeof err !== 'object' ? undefined : Object.getPrototypeOf(err);
  while (proto && proto !== Object.prototype) {
    const ctor = (proto as { constructor?: { name?: string } }).constructor;
    if (ctor?.name) names.push(ctor.name);
    proto = Object.getPrototypeOf(proto);
  }
  return names;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function classifyError(err: unknown): ErrorKind {
  if (err instanceof ExchangeTimeoutError) return 'ambiguous';
  // Already translated by us: the kind travels in the details.
  if (err instanceof QuorumError && typeof err.details.kind === 'string' && KINDS.includes(err.details.kind as ErrorKind)) {
    return err.details.kind as ErrorKind;
  }
  const names = classNames(err);
  const message = messageOf(err);
  // Binance answers -1021 as InvalidNonce on the common table but BadRequest on the spot one: match the code too.
  if (names.includes('InvalidNonce') || /"code":-1021\b|recvWindow|ahead of the server/i.test(message)) return 'clockSkew';
  if (names.includes('DDoSProtection') || names.includes('RateLimitExceeded') || /"code":-1003\b/.test(message)) return 'rateLimit';
  if (/Duplicate order sent/i.test(message) || names.includes('DuplicateOrderId')) return 'duplicate';
  if (names.includes('OrderNotFound') || /"code":-(2011|2013)\b/.test(message)) return 'notFound';
  if (names.includes('NetworkError')) return 'ambiguous';
  // OperationFailed outside NetworkError is ccxt's "the exchange failed while handling it" (-1000 and the like).
  if (names.includes('OperationFailed')) return 'ambiguous';
  if (names.includes('BaseError')) return 'rejected';
  // Not from ccxt at all (a bug, a TypeError from fetch): treat as "may have happened".
  return 'ambiguous';
}

export function errorMessage(err: unknown): string {
  return messageOf(err).slice(0, 500);
}
