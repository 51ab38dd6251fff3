// Risk limits and circuit-breaker thresholds as zod schemas with defaults: part of the app settings, edited by the
// trader, enforced by the engine's risk manager.
import { z } from 'zod';

/** A cap on one exposure measure, both in quote currency and as a share of equity; whichever is tighter binds. */
const exposureCap = (maxNotional: number, maxPctOfEquity: number) =>
  z
    .object({
      /** Quote-currency notional (e.g. USDT) the measure may reach. */
      maxNotional: z.number().positive().max(1e12).default(maxNotional),
      /** Percent of current equity the measure may reach (100 = all of equity). */
      maxPctOfEquity: z.number().positive().max(10_000).default(maxPctOfEquity),
    })
    .prefault({});

export const RiskLimitsSchema = z.object({
  /** One symbol's net position plus its pending entries. */
  position: exposureCap(100_000, 100),
  /** Everything one strategy holds or has pending, across its symbols. */
  strategy: exposureCap(250_000, 100),
  /** Gross exposure of the whole portfolio (longs and shorts both count). */
  portfolio: exposureCap(250_000, 100),
  /** Largest single order, in quote currency. */
  maxOrderNotional: z.number().positive().max(1e12).default(50_000),
  /** Orders resting at the venue, the new one included. */
  maxOpenOrders: z.number().int().min(1).max(10_000).default(20),
  /** Gross notional / equity; 1 = spot without borrowing. */
  maxLeverage: z.number().positive().max(125).default(1),
});

export type RiskLimits = z.infer<typeof RiskLimitsSchema>;
export type RiskLimitsInput = z.input<typeof RiskLimitsSchema>;

export const DEFAULT_RISK_LIMITS: RiskLimits = Object.freeze(RiskLimitsSchema.parse({}));


const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const enabled = z.boolean().default(true);
const pct = (value: number) => z.number().positive().max(100).default(value);
const ms = (value: number) => z.number().int().min(0).max(30 * 24 * HOUR).default(value);

export const BreakerSettingsSchema = z.object({
  maxDrawdown: z.object({ enabled, maxDrawdownPct: pct(20), cooldownMs: ms(24 * HOUR) }).prefault({}),
  dailyLoss: z.object({ enabled, maxDailyLossPct: pct(5), cooldownMs: ms(0) }).prefault({}),
  consecutiveLosses: z
    .object({ enabled, maxConsecutiveLosses: z.number().int().min(1).max(1_000).default(4), cooldownMs: ms(6 * HOUR) })
    .prefault({}),
  exchangeErrors: z
    .object({
      enabled,
      maxErrorRatePct: pct(50),
      minCalls: z.number().int().min(1).max(100_000).default(10),
      windowMs: z.number().int().positive().max(30 * 24 * HOUR).default(5 * MINUTE),
      cooldownMs: ms(15 * MINUTE),
    })
    .prefault({}),
  staleData: z
    .object({
      enabled,
      timeframeMs: z.number().int().positive().max(31 * 24 * HOUR).default(MINUTE),
      maxBarsMissed: z.number().positive().max(100_000).default(3),
      cooldownMs: ms(MINUTE),
    })
    .prefault({}),
  priceGap: z.object({ enabled, maxGapPct: z.number().positive().max(10_000).default(10), cooldownMs: ms(30 * MINUTE) }).prefault({}),
});

export type BreakerSettings = z.infer<typeof BreakerSettingsSchema>;
export type BreakerSettingsInput = z.input<typeof BreakerSettingsSchema>;

export const DEFAULT_BREAKER_SETTINGS: BreakerSettings = BreakerSettingsSchema.parse({});
