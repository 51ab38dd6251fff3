// Parses and checks the parameters of POST /api/v3/order in the order Binance reports problems.
import { isDecimalString } from './decimal';
import { BinanceError, errors } from './errors';
import { checkLotSize, checkPriceFilter } from './markets';
import { isMarketLike, isTriggerType } from './triggers';
import type { MarketSpec, OrderSide, OrderType } from './types';

export type Params = Record<string, string>;

export interface NewOrder {
  symbol: string;
  spec: MarketSpec;
  side: OrderSide;
  type: OrderType;
  timeInForce: string;
  /** Absent only for a market order sized by quoteOrderQty. */
  quantity?: number;
  quoteOrderQty?: number;
  price?: number;
  /** Trigger price of the STOP_LOSS(_LIMIT) / TAKE_PROFIT(_LIMIT) types. */
  stopPrice?: number;
  clientOrderId?: string;
  respType: 'ACK' | 'RESULT' | 'FULL';
}

const SIDES = ['BUY', 'SELL'];
const TYPES = ['MARKET', 'LIMIT', 'LIMIT_MAKER', 'STOP_LOSS', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'];
export const TIME_IN_FORCE = ['GTC', 'IOC', 'FOK'];
/** Types whose timeInForce is mandatory (LIMIT_MAKER and the market-like types have none to choose). */
const TIF_TYPES = new Set(['LIMIT', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT']);
const CLIENT_ID_RE = /^[.A-Z:/a-z0-9_-]{1,36}$/;

/** A required decimal parameter, or an undefined optional one. */
export function decimalParam(params: Params, name: string, required: boolean): string | undefined {
  const value = params[name];
  if (value === undefined || value === '') {
    if (required) throw errors.mandatory(name);
    return undefined;
  }
  if (!isDecimalString(value)) throw errors.illegalChars(name);
  return value;
}

export function enumParam(params: Params, name: string, allowed: string[]): string {
  const value = params[name];
  if (value === undefined || value === '') throw errors.mandatory(name);
  if (!allowed.includes(value)) throw errors.badEnum(name);
  return value;
}

export function clientOrderIdOf(params: Params, name = 'newClientOrderId'): string | undefined {
  const id = params[name];
  if (id === undefined || id === '') return undefined;
  if (!CLIENT_ID_RE.test(id)) {
    throw new BinanceError(400, -1100, `Illegal characters found in parameter '${name}'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.`);
  }
  return id;
}

/** A price that must pass PRICE_FILTER (limit prices and stop prices alike). */
export function priceParam(params: Params, name: string, spec: MarketSpec): number {
  const text = decimalParam(params, name, true)!;
  checkPriceFilter(spec, text);
  return Number(text);
}

function respTypeOf(params: Params, type: string): NewOrder['respType'] {
  const value = params.newOrderRespType;
  if (value === undefined) return type === 'MARKET' || type === 'LIMIT' ? 'FULL' : 'ACK';
  if (value !== 'ACK' && value !== 'RESULT' && value !== 'FULL') throw errors.badEnum('newOrderRespType');
  return value;
}

/** Validates everything that does not depend on balances or the book; `markets` resolves the symbol. */
export function parseNewOrder(params: Params, markets: Map<string, MarketSpec>): NewOrder {
  const symbol = params.symbol;
  if (!symbol) throw errors.mandatory('symbol');
  const spec = markets.get(symbol);
  if (!spec) throw errors.badSymbol();
  const side = enumParam(params, 'side', SIDES) as OrderSide;
  const type = enumParam(params, 'type', TYPES) as OrderType;
  const clientOrderId = clientOrderIdOf(params);
  const isMarket = type === 'MARKET';
  const quoteText = isMarket ? decimalParam(params, 'quoteOrderQty', false) : undefined;
  const quantityText = decimalParam(params, 'quantity', quoteText === undefined);
  if (quantityText !== undefined) checkLotSize(spec, quantityText);
  const price = isMarketLike(type) ? undefined : priceParam(params, 'price', spec);
  const stopPrice = isTriggerType(type) ? priceParam(params, 'stopPrice', spec) : undefined;
  const timeInForce = TIF_TYPES.has(type) ? enumParam(params, 'timeInForce', TIME_IN_FORCE) : isMarketLike(type) ? 'GTC' : (params.timeInForce ?? 'GTC');
  return {
    symbol, spec, side, type, timeInForce, price, stopPrice, clientOrderId,
    quantity: quantityText === undefined ? undefined : Number(quantityText),
    quoteOrderQty: quoteText === undefined ? undefined : Number(quoteText),
    respType: respTypeOf(params, type),
  };
}
