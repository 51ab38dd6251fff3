// Minimal answers to the non-spot calls ccxt's default binance.loadMarkets makes (currencies, margin, futures).
import type { ExchangeState, Route } from './state';

/** One coin of /sapi/v1/capital/config/getall with a single default network, enough for ccxt's currency parser. */
function coinInfo(coin: string, state: ExchangeState): Record<string, unknown> {
  const balance = state.wallet.get(coin);
  return {
    coin, name: coin, depositAllEnable: true, withdrawAllEnable: true, isLegalMoney: false, trading: true,
    free: balance.free.toFixed(8), locked: balance.locked.toFixed(8), freeze: '0', withdrawing: '0', ipoing: '0',
    ipoable: '0', storage: '0',
    networkList: [{
      network: coin, coin, name: coin, isDefault: true, depositEnable: true, withdrawEnable: true,
      withdrawFee: '0', withdrawMin: '0', withdrawMax: '9999999999', withdrawIntegerMultiple: '0.00000001',
      depositDust: '0.00000001', minConfirm: 1, unLockConfirm: 0, busy: false,
    }],
  };
}

function assets(state: ExchangeState): string[] {
  const set = new Set<string>();
  for (const spec of state.markets.values()) {
    set.add(spec.base);
    set.add(spec.quote);
  }
  return [...set];
}

const emptyCatalogue = (state: ExchangeState): unknown => ({
  timezone: 'UTC', serverTime: state.serverTime(), rateLimits: [], exchangeFilters: [], assets: [], symbols: [],
});

export const compatRoutes: Route[] = [
  {
    method: 'GET', path: '/sapi/v1/capital/config/getall', signed: true,
    handle: ({ state }) => assets(state).map((coin) => coinInfo(coin, state)),
  },
  { method: 'GET', path: '/sapi/v1/margin/allPairs', signed: true, handle: () => [] },
  { method: 'GET', path: '/sapi/v1/margin/isolated/allPairs', signed: true, handle: () => [] },
  { method: 'GET', path: '/fapi/v1/exchangeInfo', signed: false, handle: ({ state }) => emptyCatalogue(state) },
  { method: 'GET', path: '/dapi/v1/exchangeInfo', signed: false, handle: ({ state }) => emptyCatalogue(state) },
];
