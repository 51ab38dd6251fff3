// Error classification decides whether a failed call may be repeated: check it against ccxt's real error classes.
import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import { ExchangeError, ExchangeTimeoutError } from '../../../../electron/engine/errors';
import { classifyError } from '../../../../electron/engine/execution/live';
import { asExchangeError, backoffMs, DEFAULT_RETRY, retrying } from '../../../../electron/engine/execution/live/retry';

describe('classifyError', () => {
  it.each([
    [new ccxt.RequestTimeout('t'), 'ambiguous'],
    [new ccxt.NetworkError('reset'), 'ambiguous'],
    [new ccxt.ExchangeNotAvailable('503'), 'ambiguous'],
    [new ccxt.OperationFailed('-1000'), 'ambiguous'],
    [new ExchangeTimeoutError('createOrder', 15_000), 'ambiguous'],
    [new ccxt.DDoSProtection('429'), 'rateLimit'],
    [new ccxt.RateLimitExceeded('-1003'), 'rateLimit'],
    [new ccxt.InvalidNonce('-1021'), 'clockSkew'],
    [new ccxt.BadRequest('binance {"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}'), 'clockSkew'],
    [new ccxt.InvalidOrder('binance {"code":-2010,"msg":"Duplicate order sent."}'), 'duplicate'],
    [new ccxt.OrderNotFound('-2013'), 'notFound'],
    [new ccxt.OperationRejected('binance {"code":-2011,"msg":"Unknown order sent."}'), 'notFound'],
    [new ccxt.InsufficientFunds('-2010'), 'rejected'],
    [new ccxt.InvalidOrder('Filter failure: NOTIONAL'), 'rejected'],
    [new ccxt.AuthenticationError('-2015'), 'rejected'],
    [new TypeError('fetch failed'), 'ambiguous'],
  ] as const)('%s → %s', (err, kind) => {
    expect(classifyError(err)).toBe(kind);
  });

  it('keeps the kind through our translation', () => {
    const wrapped = asExchangeError('fetchOrder', 'notFound', new ccxt.OrderNotFound('x'));
    expect(wrapped).toBeInstanceOf(ExchangeError);
    expect(classifyError(wrapped)).toBe('notFound');
  });
});

describe('retrying', () => {
  it('repeats retryable failures, then succeeds', async () => {
    let calls = 0;
    const result = await retrying('read', async () => {
      calls += 1;
      if (calls < 3) throw new ccxt.ExchangeNotAvailable('503');
      return 'ok';
    }, { ...DEFAULT_RETRY, baseDelayMs: 1, rateLimitDelayMs: 0 });
    expect([result, calls]).toEqual(['ok', 3]);
  });

  it('does not repeat a rejection, and translates it', async () => {
    let calls = 0;
    const failed = retrying('read', async () => {
      calls += 1;
      throw new ccxt.InsufficientFunds('no');
    }, DEFAULT_RETRY);
    await expect(failed).rejects.toMatchObject({ code: 'EXCHANGE_REJECTED' });
    expect(calls).toBe(1);
  });

  it('gives up after the policy and says so', async () => {
    const failed = retrying('read', async () => {
      throw new ccxt.RequestTimeout('t');
    }, { ...DEFAULT_RETRY, attempts: 2, baseDelayMs: 1 });
    await expect(failed).rejects.toMatchObject({ code: 'EXCHANGE_RETRIES_EXHAUSTED' });
  });

  it('backs off exponentially, longer after a rate limit, capped', () => {
    expect([1, 2, 3].map((a) => backoffMs(a, 'ambiguous', DEFAULT_RETRY))).toEqual([250, 500, 1_000]);
    expect(backoffMs(1, 'rateLimit', DEFAULT_RETRY)).toBe(1_250);
    expect(backoffMs(20, 'ambiguous', DEFAULT_RETRY)).toBe(5_000);
  });
});
