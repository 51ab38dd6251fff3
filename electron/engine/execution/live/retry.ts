// Backoff pauses and the retry loop for calls that are safe to repeat (reads, cancels, time sync).
import { ExchangeError } from '../../errors';
import { classifyError, errorMessage, type ErrorKind } from './ccxt-errors';

export interface RetryPolicy {
  /** Total tries, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Extra wait after a 429, on top of the exponential pause (Binance asks for Retry-After, usually seconds). */
  rateLimitDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 5_000, rateLimitDelayMs: 1_000 };

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Exponential pause for retry number `attempt` (1-based), longer after a rate limit. */
export function backoffMs(attempt: number, kind: ErrorKind, policy: RetryPolicy): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return kind === 'rateLimit' ? exponential + policy.rateLimitDelayMs : exponential;
}

export interface RetryHooks {
  /** Runs before a retry after a clock-skew refusal (e.g. ccxt's loadTimeDifference). */
  onClockSkew?: () => Promise<unknown>;
  onRetry?: (attempt: number, kind: ErrorKind, err: unknown) => void;
}

const CODES: Record<ErrorKind, string> = {
  rateLimit: 'EXCHANGE_RATE_LIMITED', clockSkew: 'EXCHANGE_CLOCK_SKEW', ambiguous: 'EXCHANGE_UNAVAILABLE',
  duplicate: 'EXCHANGE_DUPLICATE', notFound: 'EXCHANGE_NOT_FOUND', rejected: 'EXCHANGE_REJECTED',
};

/** ccxt's error as ours, keeping its kind (classifyError reads it back) and the original as the cause. */
export function asExchangeError(operation: string, kind: ErrorKind, err: unknown): ExchangeError {
  if (err instanceof ExchangeError) return err;
  return new ExchangeError(`${operation}: ${errorMessage(err)}`, CODES[kind], { operation, kind }, { cause: err });
}

/** Kinds a repeatable call may be retried on; rejections and "not found" are answers, not failures. */
const RETRYABLE: readonly ErrorKind[] = ['rateLimit', 'clockSkew', 'ambiguous'];

/**
 * Runs `work` until it succeeds or the policy is spent. Only for calls that do the same thing however often they
 * run: never for createOrder, whose retries go through the lookup-first protocol in order-submitter.
 */
export async function retrying<T>(operation: string, work: () => Promise<T>, policy: RetryPolicy, hooks: RetryHooks = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      const kind = classifyError(err);
      if (!RETRYABLE.includes(kind)) throw asExchangeError(operation, kind, err);
      if (attempt >= policy.attempts) {
        throw new ExchangeError(`${operation} failed after ${attempt} attempts: ${errorMessage(err)}`, 'EXCHANGE_RETRIES_EXHAUSTED',
          { operation, kind }, { cause: err });
      }
      hooks.onRetry?.(attempt, kind, err);
      if (kind === 'clockSkew') await hooks.onClockSkew?.().catch(() => undefined);
      await sleep(backoffMs(attempt, kind, policy));
    }
  }
}
