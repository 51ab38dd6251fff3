// Rejections a venue gives before an order rests: missing prices, non-positive amounts, market minimums.
import type { OrderIntent } from '../../model/order';
import type { MarketRules } from '../../model/market';

function positive(v: number | undefined): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

/** Why the venue refuses `intent` at market price `price` (NaN before the first bar), or undefined if it accepts it. */
export function checkIntent(intent: OrderIntent, rules: MarketRules, price: number): string | undefined {
  if (!positive(intent.amount)) return `amount must be > 0, got ${intent.amount}`;
  const needsLimit = intent.type === 'limit' || intent.type === 'stop-limit';
  const needsStop = intent.type === 'stop-market' || intent.type === 'stop-limit';
  if (needsLimit && !positive(intent.price)) return `${intent.type} order needs a limit price`;
  if (needsStop && !positive(intent.stopPrice)) return `${intent.type} order needs a stop price`;
  if (intent.type === 'market' && !(price > 0)) return 'no market price yet';
  if (intent.reduceOnly) return undefined;
  if (intent.amount < rules.minAmount) return `amount ${intent.amount} is below the market minimum ${rules.minAmount}`;
  const reference = intent.price ?? intent.stopPrice ?? price;
  if (reference > 0 && intent.amount * reference < rules.minNotional) {
    return `notional ${intent.amount * reference} is below the market minimum ${rules.minNotional}`;
  }
  return undefined;
}
