// Public market-data endpoints: ping, time, exchangeInfo, 24hr ticker, price ticker and klines.
import { intervalMs } from './candles';
import { fmt } from './decimal';
import { BinanceError, errors } from './errors';
import { intParam } from './http-util';
import { exchangeInfoSymbol } from './markets';
import type { Params } from './order-params';
import type { ExchangeState, Route } from './state';
import { ticker24hr } from './ticker';

/** Resolves `symbol` or the JSON array in `symbols`; all markets when neither is given. */
function requestedSymbols(state: ExchangeState, params: Params): string[] | undefined {
  if (params.symbol !== undefined) {
    if (!state.markets.has(params.symbol)) throw errors.badSymbol();
    return [params.symbol];
  }
  if (params.symbols !== undefined) {
    let list: unknown;
    try {
      list = JSON.parse(params.symbols);
    } catch {
      throw new BinanceError(400, -1100, "Illegal characters found in parameter 'symbols'.");
    }
    if (!Array.isArray(list) || list.some((id) => !state.markets.has(String(id)))) throw errors.badSymbol();
    return list.map(String);
  }
  return undefined;
}

function exchangeInfo(state: ExchangeState, params: Params): unknown {
  const ids = requestedSymbols(state, params) ?? [...state.markets.keys()];
  return {
    timezone: 'UTC',
    serverTime: state.serverTime(),
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
      { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
      { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
    ],
    exchangeFilters: [],
    symbols: ids.map((id) => exchangeInfoSymbol(id, state.markets.get(id)!)),
  };
}

/** A single symbol gives an object, otherwise an array — Binance's shape for both ticker endpoints. */
function perSymbol(state: ExchangeState, params: Params, view: (id: string) => unknown): unknown {
  const ids = requestedSymbols(state, params);
  if (params.symbol !== undefined) return view(params.symbol);
  return (ids ?? [...state.markets.keys()]).map(view);
}

function klines(state: ExchangeState, params: Params): unknown {
  const symbol = params.symbol;
  if (!symbol) throw errors.mandatory('symbol');
  if (!state.markets.has(symbol)) throw errors.badSymbol();
  if (!params.interval) throw errors.mandatory('interval');
  const stepMs = intervalMs(params.interval);
  if (stepMs === undefined) throw errors.badInterval();
  const limit = Math.min(intParam(params, 'limit') ?? 500, 1000);
  const startTime = intParam(params, 'startTime');
  const endTime = intParam(params, 'endTime');
  if ([limit, startTime, endTime].some((value) => Number.isNaN(value))) throw errors.illegalChars('limit');
  const candles = state.feed.klines(symbol, { interval: params.interval, limit, startTime, endTime });
  return candles.map((candle) => [
    candle.time, fmt(candle.open), fmt(candle.high), fmt(candle.low), fmt(candle.close), fmt(candle.volume),
    candle.time + stepMs - 1, fmt(candle.volume * candle.close), Math.max(1, Math.round(candle.volume * 10)),
    fmt(candle.volume / 2), fmt((candle.volume * candle.close) / 2), '0',
  ]);
}

export const publicRoutes: Route[] = [
  { method: 'GET', path: '/api/v3/ping', signed: false, handle: () => ({}) },
  { method: 'GET', path: '/api/v3/time', signed: false, handle: ({ state }) => ({ serverTime: state.serverTime() }) },
  { method: 'GET', path: '/api/v3/exchangeInfo', signed: false, handle: ({ state, params }) => exchangeInfo(state, params) },
  {
    method: 'GET', path: '/api/v3/ticker/24hr', signed: false,
    handle: ({ state, params }) => perSymbol(state, params, (id) => ticker24hr(state.feed, id, state.markets.get(id)!)),
  },
  {
    method: 'GET', path: '/api/v3/ticker/price', signed: false,
    handle: ({ state, params }) => perSymbol(state, params, (id) => ({ symbol: id, price: fmt(state.feed.current(id).close) })),
  },
  { method: 'GET', path: '/api/v3/klines', signed: false, handle: ({ state, params }) => klines(state, params) },
  { method: 'GET', path: '/api/v3/uiKlines', signed: false, handle: ({ state, params }) => klines(state, params) },
];
