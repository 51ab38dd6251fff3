// "Test connection" for a saved exchange profile: its keys from the keychain, one signed call (fetchBalance) under a
// time budget, and how it went — accepted, refused, unreachable or too slow — with the call's round trip. The reply
// names the account and carries the exchange's words, masked: never a key or a secret.
import ccxt, { type Exchange } from 'ccxt';
import type { ConnectionTest } from '../../../shared/connection-test-contract';
import { clip } from '../../../shared/issues';
import { ExchangeTimeoutError, QuorumError } from '../errors';
import { formatMs } from '../health/types';
import { globalSecrets } from '../log/logger';
import { withTimeout } from './timeouts';

export interface ConnectionTestOptions {
  /** The whole test's budget (markets and the signed call), ms. */
  timeoutMs: number;
  clock: () => number;
}

type Failure = NonNullable<ConnectionTest['failure']>;

/** `connect` builds the client with the account's keys (it throws when there are none, or no keychain). */
export async function testConnection(account: string, connect: () => Promise<Exchange>, o: ConnectionTestOptions): Promise<ConnectionTest> {
  const testedAt = o.clock();
  const failed = (failure: Failure, message: string, latencyMs?: number): ConnectionTest =>
    ({ account, ok: false, failure, message: clip(globalSecrets.mask(message), 500), testedAt, ...(latencyMs === undefined ? {} : { latencyMs }) });
  let client: Exchange;
  try {
    client = await connect();
  } catch (err) {
    const code = err instanceof QuorumError ? err.code : '';
    const failure = code === 'KEYCHAIN_NO_KEYS' ? 'no-keys' : code === 'KEYCHAIN_UNAVAILABLE' ? 'keychain' : 'exchange';
    return failed(failure, errorText(err));
  }
  // ccxt's own timeout aborts the request; the race below bounds markets and the call together.
  if (!(client.timeout <= o.timeoutMs)) client.timeout = o.timeoutMs;
  const id = client.id;
  let started: number | undefined;
  try {
    const latencyMs = await withTimeout(`${id} connection test`, o.timeoutMs, async () => {
      // Markets first (public), so the round trip measured is the signed call's own.
      await client.loadMarkets();
      // One call after one call: ccxt's rate limiter would only add its wait to the round trip measured.
      client.enableRateLimit = false;
      started = o.clock();
      await client.fetchBalance();
      return Math.max(0, o.clock() - started);
    });
    return { account, ok: true, latencyMs, message: `${id} accepted the keys of ${account}: balance read in ${formatMs(latencyMs)}`, testedAt };
  } catch (err) {
    const failure = classify(err);
    const spent = started === undefined ? undefined : Math.max(0, o.clock() - started);
    const why = errorText(err);
    switch (failure) {
      case 'auth':
        return failed(failure, `${id} refused the keys of ${account}: ${why}. Check the key, its secret and that it may read balances`, spent);
      case 'timeout':
        return failed(failure, `${id} did not answer within ${formatMs(o.timeoutMs)}`);
      case 'network':
        return failed(failure, `${id} could not be reached: ${why}`);
      default:
        return failed(failure, `${id} answered with an error: ${why}`, spent);
    }
  }
}

function classify(err: unknown): Failure {
  if (err instanceof ccxt.AuthenticationError || err instanceof ccxt.PermissionDenied || err instanceof ccxt.AccountSuspended) return 'auth';
  if (err instanceof ExchangeTimeoutError || err instanceof ccxt.RequestTimeout) return 'timeout';
  if (err instanceof ccxt.NetworkError) return 'network';
  return 'exchange';
}

function errorText(err: unknown): string {
  // ccxt's class name says what kind of failure it was; ours are worded for the trader already.
  const text = err instanceof Error ? `${err.constructor === Error || err instanceof QuorumError ? '' : `${err.name}: `}${err.message}` : String(err);
  return text.replace(/\s+/g, ' ').trim();
}
