// Checks one entry intent against the exposure limits; returns the veto reason naming the limit and the numbers.
import type { OrderIntent } from '../model/order';
import type { RiskContext } from './context';
import { asPending, intentPrice, measureExposure } from './exposure';
import { exceeds, fmtLimit, fmtMoney, fmtPct } from './format';
import type { RiskLimits } from './limits';

interface Cap {
  maxNotional: number;
  maxPctOfEquity: number;
}

/**
 * A limit vetoes an order only when the order would leave the measure above the limit AND above where it is now:
 * an order that does not add to a measure is never blocked by it (a market move may have pushed it over already).
 */
export function checkLimits(intent: OrderIntent, ctx: RiskContext, limits: RiskLimits, currency: string): string | undefined {
  const price = intentPrice(intent, ctx);
  if (price === undefined || !(price > 0)) return `cannot value ${intent.side} ${intent.symbol}: no price known`;
  const equity = ctx.equity();
  if (!(equity > 0)) return `equity is ${fmtMoney(equity, currency)}: no new exposure while equity ≤ 0`;
  const notional = intent.amount * price;
  if (exceeds(notional, limits.maxOrderNotional)) {
    return `order ${intent.symbol} notional ${fmtMoney(notional, currency)} > ${fmtMoney(limits.maxOrderNotional, currency)} limit`;
  }
  const openAfter = ctx.openOrders().length + 1;
  if (openAfter > limits.maxOpenOrders) return `open orders would be ${openAfter} > ${limits.maxOpenOrders} limit`;
  return checkExposure(intent, ctx, limits, { price, equity, currency });
}

interface Valuation {
  price: number;
  equity: number;
  currency: string;
}

function checkExposure(intent: OrderIntent, ctx: RiskContext, limits: RiskLimits, v: Valuation): string | undefined {
  const strategy = ctx.strategyOf(intent);
  const before = measureExposure(ctx, intent.symbol, strategy);
  const after = measureExposure(ctx, intent.symbol, strategy, asPending(intent, strategy, v.price));
  if (![after.symbol, after.strategy, after.gross].every(Number.isFinite)) {
    return `cannot value exposure for ${intent.symbol}: a held or pending symbol has no price`;
  }
  const symbolVeto = capVeto(`position ${intent.symbol} would be`, before.symbol, after.symbol, limits.position, v);
  if (symbolVeto) return symbolVeto;
  if (strategy !== undefined) {
    const strategyVeto = capVeto(`strategy ${strategy} would hold`, before.strategy, after.strategy, limits.strategy, v);
    if (strategyVeto) return strategyVeto;
  }
  const grossVeto = capVeto('portfolio gross exposure would be', before.gross, after.gross, limits.portfolio, v);
  if (grossVeto) return grossVeto;
  const leverage = after.gross / v.equity;
  if (exceeds(leverage, limits.maxLeverage) && exceeds(after.gross, before.gross)) {
    const gross = fmtMoney(after.gross, v.currency);
    return `leverage would be ${leverage.toFixed(2)}x (gross ${gross} / equity ${fmtMoney(v.equity, v.currency)}) > ${fmtLimit(limits.maxLeverage)}x limit`;
  }
  return undefined;
}

function capVeto(label: string, before: number, after: number, cap: Cap, v: Valuation): string | undefined {
  if (!exceeds(after, before)) return undefined;
  const pct = (after / v.equity) * 100;
  if (exceeds(pct, cap.maxPctOfEquity)) {
    return `${label} ${fmtMoney(after, v.currency)} = ${fmtPct(pct)} of equity > ${fmtLimit(cap.maxPctOfEquity)}% limit`;
  }
  if (exceeds(after, cap.maxNotional)) {
    return `${label} ${fmtMoney(after, v.currency)} > ${fmtMoney(cap.maxNotional, v.currency)} limit`;
  }
  return undefined;
}
