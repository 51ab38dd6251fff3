// The exposure limits every order intent is checked against, as one zod schema with defaults (spot, no leverage).
import { z } from 'zod';
import { describeIssues } from '../../../shared/contract';
import { ConfigError } from '../errors';

/** A cap on one exposure measure, both in quote currency and as a share of equity; whichever is tighter binds. */
const exposureCap = (maxNotional: number, maxPctOfEquity: number) =>
  z
    .object({
      /** Quote-currency notional (e.g. USDT) the measure may reach. */
      maxNotional: z.number().positive().default(maxNotional),
      /** Percent of current equity the measure may reach (100 = all of equity). */
      maxPctOfEquity: z.number().positive().default(maxPctOfEquity),
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
  maxOrderNotional: z.number().positive().default(50_000),
  /** Orders resting at the venue, the new one included. */
  maxOpenOrders: z.number().int().min(1).default(20),
  /** Gross notional / equity; 1 = spot without borrowing. */
  maxLeverage: z.number().positive().default(1),
});

export type RiskLimits = z.infer<typeof RiskLimitsSchema>;
export type RiskLimitsInput = z.input<typeof RiskLimitsSchema>;

export const DEFAULT_RISK_LIMITS: RiskLimits = Object.freeze(RiskLimitsSchema.parse({}));

/** Validates limits from settings or the UI; a bad value is a ConfigError naming the field. */
export function parseRiskLimits(input: unknown = {}): RiskLimits {
  const parsed = RiskLimitsSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const { message, field } = describeIssues(parsed.error);
  throw new ConfigError(`Invalid risk limits: ${message}`, 'RISK_LIMITS_INVALID', { field });
}
