// Market catalogue: default spot markets, their exchangeInfo entries, and the filter checks Binance runs on new orders.
import { isOnGrid } from './decimal';
import { errors } from './errors';
import type { MarketSpec } from './types';

/** Filters modelled on Binance's real values for these pairs. */
export const DEFAULT_MARKETS: Record<string, MarketSpec> = {
  BTCUSDT: {
    base: 'BTC', quote: 'USDT', tickSize: '0.01', minPrice: '0.01', maxPrice: '1000000',
    stepSize: '0.00001', minQty: '0.00001', maxQty: '9000', minNotional: '5', seedPrice: 60000,
  },
  ETHUSDT: {
    base: 'ETH', quote: 'USDT', tickSize: '0.01', minPrice: '0.01', maxPrice: '1000000',
    stepSize: '0.0001', minQty: '0.0001', maxQty: '9000', minNotional: '5', seedPrice: 3000,
  },
  FILUSDT: {
    base: 'FIL', quote: 'USDT', tickSize: '0.001', minPrice: '0.001', maxPrice: '10000',
    stepSize: '0.01', minQty: '0.01', maxQty: '900000', minNotional: '5', seedPrice: 5,
  },
};

/** The order types the matching engine implements (Binance's full spot list), so ccxt refuses others before sending. */
export const SUPPORTED_ORDER_TYPES = ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'];

const pad8 = (value: string): string => Number(value).toFixed(8);

/** One `symbols[]` entry of GET /api/v3/exchangeInfo. */
export function exchangeInfoSymbol(id: string, spec: MarketSpec): Record<string, unknown> {
  return {
    symbol: id,
    status: 'TRADING',
    baseAsset: spec.base,
    baseAssetPrecision: 8,
    quoteAsset: spec.quote,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: SUPPORTED_ORDER_TYPES,
    icebergAllowed: false,
    ocoAllowed: true,
    otoAllowed: false,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: false,
    cancelReplaceAllowed: false,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: filtersOf(spec),
    permissions: [],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: 'EXPIRE_MAKER',
    allowedSelfTradePreventionModes: ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'],
  };
}

function filtersOf(spec: MarketSpec): Record<string, unknown>[] {
  return [
    { filterType: 'PRICE_FILTER', minPrice: pad8(spec.minPrice), maxPrice: pad8(spec.maxPrice), tickSize: pad8(spec.tickSize) },
    { filterType: 'LOT_SIZE', minQty: pad8(spec.minQty), maxQty: pad8(spec.maxQty), stepSize: pad8(spec.stepSize) },
    { filterType: 'MARKET_LOT_SIZE', minQty: '0.00000000', maxQty: pad8(spec.maxQty), stepSize: '0.00000000' },
    {
      filterType: 'NOTIONAL', minNotional: pad8(spec.minNotional), applyMinToMarket: true,
      maxNotional: '9000000.00000000', applyMaxToMarket: false, avgPriceMins: 5,
    },
    { filterType: 'MAX_NUM_ORDERS', maxNumOrders: 200 },
  ];
}

/** LOT_SIZE on any order quantity. */
export function checkLotSize(spec: MarketSpec, quantity: string): void {
  const qty = Number(quantity);
  if (qty < Number(spec.minQty) || qty > Number(spec.maxQty) || !isOnGrid(quantity, spec.stepSize, spec.minQty)) {
    throw errors.filterFailure('LOT_SIZE');
  }
}

/** PRICE_FILTER on a limit or stop price. */
export function checkPriceFilter(spec: MarketSpec, price: string): void {
  const value = Number(price);
  if (value < Number(spec.minPrice) || value > Number(spec.maxPrice) || !isOnGrid(price, spec.tickSize, spec.minPrice)) {
    throw errors.filterFailure('PRICE_FILTER');
  }
}

/** NOTIONAL: price × quantity must reach minNotional (market orders at the current price, stop-markets at the stop). */
export function checkNotional(spec: MarketSpec, price: number, qty: number): void {
  if (price * qty < Number(spec.minNotional) - 1e-12) throw errors.filterFailure('NOTIONAL');
}
