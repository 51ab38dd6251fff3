// Fills in the emulator's defaults and builds its initial exchange state from the constructor options.
import { Wallet } from './balances';
import { CandleFeed, syntheticSeries } from './candles';
import { FaultRegistry } from './faults';
import { DEFAULT_MARKETS } from './markets';
import { MatchingEngine } from './matching';
import type { ExchangeState } from './state';
import type { CommissionConfig, EmulatorOptions, MarketSpec } from './types';

/** Fixed test credentials: never real, only meaningful to this emulator. */
export const TEST_API_KEY = 'quorumEmulatorTestKey000000000000000000000000000000000000000000001';
export const TEST_API_SECRET = 'quorumEmulatorTestSecret0000000000000000000000000000000000000001';

export const DEFAULT_BALANCES: Record<string, number> = { USDT: 10_000, BTC: 1, ETH: 10, FIL: 1_000 };

/** 'BTC/USDT' and 'BTCUSDT' both name the Binance market BTCUSDT. */
export function marketIdOf(symbol: string): string {
  return symbol.replace('/', '').toUpperCase();
}

export function commissionOf(options: EmulatorOptions): CommissionConfig {
  return { takerRate: 0.001, makerRate: 0.001, asset: 'received', ...options.commission };
}

function buildFeed(options: EmulatorOptions, markets: Map<string, MarketSpec>): CandleFeed {
  const feed = new CandleFeed(options.interval ?? '1m');
  const length = options.syntheticLength ?? 1000;
  const anchorIndex = options.startIndex ?? Math.floor((length - 1) / 2);
  const anchorTime = Math.floor(Date.now() / feed.baseMs) * feed.baseMs;
  const series = new Map(Object.entries(options.series ?? {}).map(([symbol, candles]) => [marketIdOf(symbol), candles]));
  for (const [id, spec] of markets) {
    const given = series.get(id);
    if (given) feed.setSeries(id, given, options.startIndex);
    else feed.setSeries(id, syntheticSeries(id, spec, length, feed.baseMs, anchorIndex, anchorTime), anchorIndex);
  }
  for (const id of series.keys()) {
    if (!markets.has(id)) throw new Error(`emulator: series given for unknown market ${id}`);
  }
  return feed;
}

export function buildState(options: EmulatorOptions, faults: FaultRegistry): ExchangeState {
  const markets = new Map(Object.entries(options.markets ?? DEFAULT_MARKETS).map(([id, spec]) => [marketIdOf(id), spec]));
  const feed = buildFeed(options, markets);
  const wallet = new Wallet(options.balances ?? DEFAULT_BALANCES);
  const commission = commissionOf(options);
  const serverTime = (): number => Date.now() + faults.clockSkewMs();
  const engine = new MatchingEngine({
    markets, feed, wallet, commission, now: serverTime,
    slippageBps: options.slippageBps ?? 0,
    duplicateScope: options.duplicateClientOrderIdScope ?? 'all',
  });
  return { markets, feed, wallet, engine, faults, commission, orderRequests: [], serverTime };
}
