// Contract schemas for the risk side: trading state, breakers, the kill switch, and the trader's actions on them.
import { z } from 'zod';
import { AccountName, Identifier, text } from './bounds';

export const KillModeSchema = z.enum(['stop-entries', 'halt', 'flatten']);
export type KillMode = z.infer<typeof KillModeSchema>;

/** What a measure is counted in: orders, quote currency, times equity (leverage), percent, losing trades. */
export const UseUnitSchema = z.enum(['orders', 'quote', 'x', 'pct', 'trades']);
export type UseUnit = z.infer<typeof UseUnitSchema>;

/** How much of a limit or breaker threshold is in use now: `used` of `max`. */
export const UseSchema = z.object({ used: z.number(), max: z.number(), unit: UseUnitSchema });
export type Use = z.infer<typeof UseSchema>;

/** One limit's use on one account; `max` is the cap that binds now (the tighter of notional and % of equity). */
export const LimitUseSchema = UseSchema.extend({
  /** The RiskLimits field: maxOpenOrders, maxOrderNotional, position, strategy, portfolio, maxLeverage. */
  limit: z.string(),
  /** What the trader reads: "Open orders", "Position BTC/USDT", "Strategy sma-cross". */
  label: z.string(),
});
export type LimitUse = z.infer<typeof LimitUseSchema>;

export const AccountRiskUseSchema = z.object({
  account: z.string(),
  currency: z.string(),
  equity: z.number().optional(),
  limits: z.array(LimitUseSchema),
});
export type AccountRiskUse = z.infer<typeof AccountRiskUseSchema>;

export const BreakerStateSchema = z.object({
  name: z.string(),
  isTripped: z.boolean(),
  trippedAt: z.number().optional(),
  reason: z.string().optional(),
  rearmAt: z.number().optional(),
  /** The account whose breaker this is (each account has its own board). */
  account: z.string().optional(),
  /** What the breaker measures now against its threshold (drawdown, daily loss, loss streak), once it has a reading. */
  use: UseSchema.optional(),
});

export const KillSwitchStateSchema = z.object({
  isTripped: z.boolean(),
  mode: KillModeSchema.optional(),
  trippedAt: z.number().optional(),
  reason: z.string().optional(),
  source: z.string().optional(),
});

export const RiskStateSchema = z.object({
  tradingState: z.enum(['active', 'reducing', 'halted']),
  breakers: z.array(BreakerStateSchema),
  killSwitch: KillSwitchStateSchema,
  limits: z.record(z.string(), z.unknown()),
  /** Every open account's current use of each limit (the Risk page's bars). */
  usage: z.array(AccountRiskUseSchema).optional(),
});
export type RiskStateView = z.infer<typeof RiskStateSchema>;

export const KillSwitchTripSchema = z.object({ mode: KillModeSchema, reason: text(500).min(1) }).strict();
/** The trader types the word; the UI never re-arms on its own. */
export const KillSwitchRearmSchema = z.object({ confirm: text(64) }).strict();
export const BreakerRearmSchema = z.object({ name: Identifier(64), account: AccountName.optional() }).strict();
