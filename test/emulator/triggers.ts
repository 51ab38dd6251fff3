// Stop and take-profit triggers: which way each protective order type fires, and where a candle's path fires it.
import type { EmuCandle, OrderSide, OrderType } from './types';

/** 'down': fires when the last price falls to <= stopPrice; 'up': when it rises to >= stopPrice. */
export type TriggerDirection = 'down' | 'up';

const STOP_LOSS_TYPES: ReadonlySet<OrderType> = new Set(['STOP_LOSS', 'STOP_LOSS_LIMIT']);
const TAKE_PROFIT_TYPES: ReadonlySet<OrderType> = new Set(['TAKE_PROFIT', 'TAKE_PROFIT_LIMIT']);

/** Types that wait for a trigger price before they work. */
export function isTriggerType(type: OrderType): boolean {
  return STOP_LOSS_TYPES.has(type) || TAKE_PROFIT_TYPES.has(type);
}

export function isStopLossType(type: OrderType): boolean {
  return STOP_LOSS_TYPES.has(type);
}

/** Orders that trade at the market once working: MARKET itself and the STOP_LOSS / TAKE_PROFIT market variants. */
export function isMarketLike(type: OrderType): boolean {
  return type === 'MARKET' || type === 'STOP_LOSS' || type === 'TAKE_PROFIT';
}

/** Binance: a sell stop-loss fires on a fall, a buy stop-loss on a rise; take-profits the other way round. */
export function triggerDirection(type: OrderType, side: OrderSide): TriggerDirection | undefined {
  if (STOP_LOSS_TYPES.has(type)) return side === 'SELL' ? 'down' : 'up';
  if (TAKE_PROFIT_TYPES.has(type)) return side === 'SELL' ? 'up' : 'down';
  return undefined;
}

/** Whether a last price of `price` meets the trigger condition. */
export function meetsTrigger(direction: TriggerDirection, stopPrice: number, price: number): boolean {
  return direction === 'down' ? price <= stopPrice : price >= stopPrice;
}

/**
 * The price at which a candle fires the trigger, or undefined if its range never reaches the stop: the open when the
 * candle opened through the stop (a gap), else the stop price itself when its low (down) / high (up) reaches it.
 */
export function triggerPoint(direction: TriggerDirection, stopPrice: number, candle: EmuCandle): number | undefined {
  if (meetsTrigger(direction, stopPrice, candle.open)) return candle.open;
  const extreme = direction === 'down' ? candle.low : candle.high;
  return meetsTrigger(direction, stopPrice, extreme) ? stopPrice : undefined;
}
