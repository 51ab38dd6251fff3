// How much of each exposure limit an account uses right now, measured the way the check measures (worst case, at mark).
import type { LimitUse } from '../../../shared/risk-contract';
import type { RiskContext } from './context';
import { measureExposure } from './exposure';
import type { RiskLimits } from './limits';

interface Cap {
  maxNotional: number;
  maxPctOfEquity: number;
}

/**
 * One row per limit; position and strategy have a row per symbol and strategy held or pending (one empty row when
 * there is none). A measure with no price to value it at (NaN) is left out rather than shown as zero.
 */
export function limitUsage(ctx: RiskContext, limits: RiskLimits): LimitUse[] {
  const equity = ctx.equity();
  const hasEquity = Number.isFinite(equity) && equity > 0;
  // The tighter of the two caps binds, as in the check; without equity only the notional cap means anything.
  const binding = (cap: Cap) => (hasEquity ? Math.min(cap.maxNotional, (cap.maxPctOfEquity / 100) * equity) : cap.maxNotional);
  const orders = ctx.openOrders();
  const positions = ctx.positions();
  const rows: LimitUse[] = [{ limit: 'maxOpenOrders', label: 'Open orders', used: orders.length, max: limits.maxOpenOrders, unit: 'orders' }];

  let largest = 0;
  for (const o of orders) largest = Math.max(largest, o.amount * (o.price ?? ctx.markPrice(o.symbol) ?? 0));
  rows.push({ limit: 'maxOrderNotional', label: 'Largest open order', used: largest, max: limits.maxOrderNotional, unit: 'quote' });

  const symbols = unique([...positions.map((p) => p.symbol), ...orders.map((o) => o.symbol)]);
  const perSymbol = symbols.map((s) => ({ label: `Position ${s}`, used: measureExposure(ctx, s, undefined).symbol }));
  rows.push(...asRows('position', perSymbol.length > 0 ? perSymbol : [{ label: 'Position (per symbol)', used: 0 }], binding(limits.position)));

  const strategies = unique([...positions.map((p) => p.strategy), ...orders.map((o) => o.strategy)].filter((s): s is string => s !== undefined));
  const perStrategy = strategies.map((s) => ({ label: `Strategy ${s}`, used: measureExposure(ctx, '', s).strategy }));
  rows.push(...asRows('strategy', perStrategy.length > 0 ? perStrategy : [{ label: 'Strategy (per strategy)', used: 0 }], binding(limits.strategy)));

  const gross = measureExposure(ctx, '', undefined).gross;
  rows.push(...asRows('portfolio', [{ label: 'Portfolio gross', used: gross }], binding(limits.portfolio)));
  if (hasEquity && Number.isFinite(gross)) rows.push({ limit: 'maxLeverage', label: 'Leverage', used: gross / equity, max: limits.maxLeverage, unit: 'x' });
  return rows;
}

function asRows(limit: string, measures: { label: string; used: number }[], max: number): LimitUse[] {
  return measures.filter((m) => Number.isFinite(m.used)).map((m) => ({ limit, label: m.label, used: m.used, max, unit: 'quote' }));
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
