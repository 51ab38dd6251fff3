// Parses OCO order lists: POST /api/v3/orderList/oco (above/below legs) and the legacy POST /api/v3/order/oco.
import { errors } from './errors';
import { checkLotSize } from './markets';
import { clientOrderIdOf, decimalParam, enumParam, priceParam, TIME_IN_FORCE, type Params } from './order-params';
import { isMarketLike, isStopLossType, isTriggerType } from './triggers';
import type { MarketSpec, OrderSide, OrderType } from './types';

export interface OcoLeg {
  type: OrderType;
  /** Limit price (LIMIT_MAKER and the *_LIMIT types). */
  price?: number;
  /** Trigger price (STOP_LOSS(_LIMIT), TAKE_PROFIT(_LIMIT)). */
  stopPrice?: number;
  timeInForce: string;
  clientOrderId?: string;
}

export interface NewOco {
  symbol: string;
  spec: MarketSpec;
  side: OrderSide;
  quantity: number;
  listClientOrderId?: string;
  /** The leg that works above the last price (a sell's take-profit, a buy's stop-loss). */
  above: OcoLeg;
  /** The leg that works below the last price (a sell's stop-loss, a buy's take-profit). */
  below: OcoLeg;
}

const SIDES = ['BUY', 'SELL'];
const LEG_TYPES = ['STOP_LOSS_LIMIT', 'STOP_LOSS', 'LIMIT_MAKER', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT'];

/** The price that must sit on the leg's side of the market: the limit of a LIMIT_MAKER, else the stop price. */
export function legReference(leg: OcoLeg): number {
  return leg.type === 'LIMIT_MAKER' ? leg.price! : leg.stopPrice!;
}

function common(params: Params, markets: Map<string, MarketSpec>): Omit<NewOco, 'above' | 'below'> {
  const symbol = params.symbol;
  if (!symbol) throw errors.mandatory('symbol');
  const spec = markets.get(symbol);
  if (!spec) throw errors.badSymbol();
  const side = enumParam(params, 'side', SIDES) as OrderSide;
  const quantityText = decimalParam(params, 'quantity', true)!;
  checkLotSize(spec, quantityText);
  return { symbol, spec, side, quantity: Number(quantityText), listClientOrderId: clientOrderIdOf(params, 'listClientOrderId') };
}

function parseLeg(params: Params, prefix: 'above' | 'below', spec: MarketSpec): OcoLeg {
  const type = enumParam(params, `${prefix}Type`, LEG_TYPES) as OrderType;
  const price = isMarketLike(type) ? undefined : priceParam(params, `${prefix}Price`, spec);
  const stopPrice = isTriggerType(type) ? priceParam(params, `${prefix}StopPrice`, spec) : undefined;
  const timeInForce = type.endsWith('_LIMIT') ? enumParam(params, `${prefix}TimeInForce`, TIME_IN_FORCE) : 'GTC';
  return { type, price, stopPrice, timeInForce, clientOrderId: clientOrderIdOf(params, `${prefix}ClientOrderId`) };
}

/** POST /api/v3/orderList/oco: one leg must be STOP_LOSS(_LIMIT), the other LIMIT_MAKER or TAKE_PROFIT(_LIMIT). */
export function parseOco(params: Params, markets: Map<string, MarketSpec>): NewOco {
  const base = common(params, markets);
  const above = parseLeg(params, 'above', base.spec);
  const below = parseLeg(params, 'below', base.spec);
  const stopName = base.side === 'SELL' ? 'belowType' : 'aboveType';
  const [stopLeg, profitLeg] = base.side === 'SELL' ? [below, above] : [above, below];
  if (!isStopLossType(stopLeg.type)) throw errors.badEnum(stopName);
  if (isStopLossType(profitLeg.type)) throw errors.badEnum(base.side === 'SELL' ? 'aboveType' : 'belowType');
  return { ...base, above, below };
}

/**
 * Legacy POST /api/v3/order/oco: a LIMIT_MAKER at `price` plus a stop at `stopPrice` that is a STOP_LOSS_LIMIT at
 * `stopLimitPrice` when that is sent (then stopLimitTimeInForce is mandatory), else a STOP_LOSS.
 */
export function parseLegacyOco(params: Params, markets: Map<string, MarketSpec>): NewOco {
  const base = common(params, markets);
  const limit: OcoLeg = {
    type: 'LIMIT_MAKER', price: priceParam(params, 'price', base.spec), timeInForce: 'GTC',
    clientOrderId: clientOrderIdOf(params, 'limitClientOrderId'),
  };
  const stopPrice = priceParam(params, 'stopPrice', base.spec);
  const isStopLimit = params.stopLimitPrice !== undefined && params.stopLimitPrice !== '';
  const stop: OcoLeg = {
    type: isStopLimit ? 'STOP_LOSS_LIMIT' : 'STOP_LOSS',
    stopPrice,
    price: isStopLimit ? priceParam(params, 'stopLimitPrice', base.spec) : undefined,
    timeInForce: isStopLimit ? enumParam(params, 'stopLimitTimeInForce', TIME_IN_FORCE) : 'GTC',
    clientOrderId: clientOrderIdOf(params, 'stopClientOrderId'),
  };
  return base.side === 'SELL' ? { ...base, above: limit, below: stop } : { ...base, above: stop, below: limit };
}
