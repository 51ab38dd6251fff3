// Builds a real ccxt.binance whose every URL points at the local emulator, and refuses any request that would not.
import ccxt from 'ccxt';
import { collectUrls, rewriteUrls } from '../../electron/engine/exchange/url-override';

export { collectUrls, rewriteUrls };

type Binance = InstanceType<typeof ccxt.binance>;

export interface EmulatorClientOptions {
  apiKey?: string;
  secret?: string;
  /** ccxt request timeout in ms (default 10 000); keep it short in fault tests. */
  timeout?: number;
  /** ccxt's client-side throttle; off by default because the emulator is local and tests want speed. */
  enableRateLimit?: boolean;
  /** Extra ccxt options, merged over the emulator defaults (e.g. { adjustForTimeDifference: true }). */
  options?: Record<string, unknown>;
}

/**
 * Spot only, and no sapi currency/margin calls: loadMarkets is then one GET /api/v3/exchangeInfo, like a
 * spot-only terminal wants. The emulator answers the other calls too, for clients left on ccxt's defaults.
 */
const EMULATOR_CCXT_OPTIONS: Record<string, unknown> = {
  fetchCurrencies: false,
  fetchMargins: false,
  defaultType: 'spot',
};

export function makeBinanceClient(emulatorUrl: string, settings: EmulatorClientOptions = {}): Binance {
  const base = emulatorUrl.replace(/\/+$/, '');
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base)) throw new Error(`makeBinanceClient: ${emulatorUrl} is not a 127.0.0.1 emulator URL`);
  const client = new ccxt.binance({
    apiKey: settings.apiKey,
    secret: settings.secret,
    timeout: settings.timeout ?? 10_000,
    enableRateLimit: settings.enableRateLimit ?? false,
  });
  client.urls = rewriteUrls(client.urls, base);
  client.options = {
    ...client.options,
    ...EMULATOR_CCXT_OPTIONS,
    fetchMarkets: { ...(client.options.fetchMarkets as object), types: ['spot'] },
    ...settings.options,
  };
  guardRequests(client, base);
  return client;
}

/** Belt and braces: even a URL built outside `urls` cannot leave the machine. */
function guardRequests(client: Binance, base: string): void {
  const original = client.fetch.bind(client);
  client.fetch = ((url: string, ...rest: unknown[]) => {
    if (!url.startsWith(`${base}/`)) return Promise.reject(new Error(`emulator client refused off-host request to ${url}`));
    return (original as (...args: unknown[]) => Promise<unknown>)(url, ...rest);
  }) as typeof client.fetch;
}
