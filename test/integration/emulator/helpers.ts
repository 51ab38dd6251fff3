// Shared set-up for emulator tests: a fresh emulator and a ccxt client pointed at it.
import { BinanceEmulator, hmacHex, type EmuCandle, type EmulatorOptions } from '../../emulator';
import { makeBinanceClient, type EmulatorClientOptions } from '../../emulator/ccxt-client';

export interface Rig {
  emulator: BinanceEmulator;
  client: ReturnType<typeof makeBinanceClient>;
  /** Another client on the same emulator, e.g. with other credentials or a short timeout. */
  clientWith(options: EmulatorClientOptions): ReturnType<typeof makeBinanceClient>;
}

export async function startRig(options: EmulatorOptions = {}, clientOptions: EmulatorClientOptions = {}): Promise<Rig> {
  const emulator = await BinanceEmulator.start(options);
  const credentials = { apiKey: emulator.apiKey, secret: emulator.apiSecret };
  const clientWith = (extra: EmulatorClientOptions) => makeBinanceClient(emulator.url, { ...credentials, ...extra });
  return { emulator, client: clientWith(clientOptions), clientWith };
}

/** A flat series at `price` with given lows/highs, for exact fill tests. */
export function flatCandles(count: number, price: number, startTime = Date.UTC(2024, 0, 1)): {
  time: number; open: number; high: number; low: number; close: number; volume: number;
}[] {
  return Array.from({ length: count }, (_, i) => ({
    time: startTime + i * 60_000, open: price, high: price, low: price, close: price, volume: 10,
  }));
}

/** A hand-signed request, for what ccxt would never send (off-grid quantities, missing keys). */
export async function signedFetch(
  emulator: BinanceEmulator,
  method: string,
  path: string,
  params: Record<string, string>,
  overrides: { apiKey?: string | null; secret?: string; timestamp?: number } = {},
): Promise<{ status: number; body: { code?: number; msg?: string } & Record<string, unknown>; headers: Headers }> {
  const query = new URLSearchParams({ ...params, timestamp: String(overrides.timestamp ?? Date.now()) }).toString();
  const signature = hmacHex(overrides.secret ?? emulator.apiSecret, query);
  const headers: Record<string, string> = {};
  const apiKey = overrides.apiKey === undefined ? emulator.apiKey : overrides.apiKey;
  if (apiKey !== null) headers['X-MBX-APIKEY'] = apiKey;
  const response = await fetch(`${emulator.url}${path}?${query}&signature=${signature}`, { method, headers });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

/** A scripted 1m candle `i` minutes after 2024-01-01, for tests that walk the matching engine bar by bar. */
export function scriptCandle(i: number, open: number, high: number, low: number, close: number): EmuCandle {
  return { time: Date.UTC(2024, 0, 1) + i * 60_000, open, high, low, close, volume: 5 };
}
