// Creates ccxt exchange clients with Quorum's defaults: rate limiting on, timeouts set, optional URL override.
import ccxt, { type Exchange } from 'ccxt';
import { ConfigError } from '../errors';
import { globalSecrets } from '../log/logger';
import { rewriteUrls } from './url-override';
import { TIMEOUTS } from './timeouts';

export interface ExchangeClientOptions {
  apiKey?: string;
  secret?: string;
  /** e.g. http://127.0.0.1:PORT for the emulator, or a testnet origin. */
  urlOverride?: string;
  timeoutMs?: number;
  enableRateLimit?: boolean;
  /** Extra ccxt options (e.g. { fetchCurrencies: false }). */
  options?: Record<string, unknown>;
}

/**
 * Quorum trades spot: loading only spot markets saves binance's futures exchangeInfo calls (and their rate-limit
 * wait) on every start — which is also how long a kill switch latched before a restart waits to act.
 */
const SPOT_ONLY: Record<string, Record<string, unknown>> = {
  binance: { fetchMarkets: { types: ['spot'] } },
};

export function createExchange(id: string, opts: ExchangeClientOptions = {}): Exchange {
  const Ctor = (ccxt as unknown as Record<string, new (config: object) => Exchange>)[id];
  if (typeof Ctor !== 'function' || !ccxt.exchanges.includes(id)) {
    throw new ConfigError(`Unknown exchange: ${id}`, 'UNKNOWN_EXCHANGE', { field: 'exchange', value: id });
  }
  // Keys must never reach a log line, whatever ccxt or we print later.
  globalSecrets.register(opts.apiKey);
  globalSecrets.register(opts.secret);
  const client = new Ctor({
    apiKey: opts.apiKey,
    secret: opts.secret,
    timeout: opts.timeoutMs ?? TIMEOUTS.order,
    enableRateLimit: opts.enableRateLimit ?? true,
    options: { defaultType: 'spot', fetchCurrencies: false, fetchMargins: false, ...SPOT_ONLY[id], ...opts.options },
  });
  if (opts.urlOverride) client.urls = rewriteUrls(client.urls, opts.urlOverride.replace(/\/+$/, ''));
  return client;
}
