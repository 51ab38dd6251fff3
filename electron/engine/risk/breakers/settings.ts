// Every breaker's threshold and cooldown as one zod schema with defaults, and the factory that builds the enabled ones.
import { z } from 'zod';
import { describeIssues } from '../../../../shared/contract';
import { ConfigError } from '../../errors';
import { ConsecutiveLossesBreaker } from './consecutive-losses';
import { DailyLossBreaker } from './daily-loss';
import { ExchangeErrorsBreaker } from './exchange-errors';
import { MaxDrawdownBreaker } from './max-drawdown';
import { PriceGapBreaker } from './price-gap';
import { StaleDataBreaker } from './stale-data';
import type { CircuitBreaker } from './types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const enabled = z.boolean().default(true);
const pct = (value: number) => z.number().positive().max(100).default(value);
const ms = (value: number) => z.number().int().min(0).default(value);

export const BreakerSettingsSchema = z.object({
  maxDrawdown: z.object({ enabled, maxDrawdownPct: pct(20), cooldownMs: ms(24 * HOUR) }).prefault({}),
  dailyLoss: z.object({ enabled, maxDailyLossPct: pct(5), cooldownMs: ms(0) }).prefault({}),
  consecutiveLosses: z
    .object({ enabled, maxConsecutiveLosses: z.number().int().min(1).default(4), cooldownMs: ms(6 * HOUR) })
    .prefault({}),
  exchangeErrors: z
    .object({
      enabled,
      maxErrorRatePct: pct(50),
      minCalls: z.number().int().min(1).default(10),
      windowMs: z.number().int().positive().default(5 * MINUTE),
      cooldownMs: ms(15 * MINUTE),
    })
    .prefault({}),
  staleData: z
    .object({
      enabled,
      timeframeMs: z.number().int().positive().default(MINUTE),
      maxBarsMissed: z.number().positive().default(3),
      cooldownMs: ms(MINUTE),
    })
    .prefault({}),
  priceGap: z.object({ enabled, maxGapPct: z.number().positive().default(10), cooldownMs: ms(30 * MINUTE) }).prefault({}),
});

export type BreakerSettings = z.infer<typeof BreakerSettingsSchema>;
export type BreakerSettingsInput = z.input<typeof BreakerSettingsSchema>;

export const DEFAULT_BREAKER_SETTINGS: BreakerSettings = BreakerSettingsSchema.parse({});

export function parseBreakerSettings(input: unknown = {}): BreakerSettings {
  const parsed = BreakerSettingsSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const { message, field } = describeIssues(parsed.error);
  throw new ConfigError(`Invalid circuit-breaker settings: ${message}`, 'BREAKER_SETTINGS_INVALID', { field });
}

/** The enabled breakers, in a fixed order (the order the UI lists them). */
export function buildBreakers(settings: BreakerSettings, currency = 'USDT'): CircuitBreaker[] {
  const s = settings;
  const all: [boolean, () => CircuitBreaker][] = [
    [s.maxDrawdown.enabled, () => new MaxDrawdownBreaker({ ...s.maxDrawdown, currency })],
    [s.dailyLoss.enabled, () => new DailyLossBreaker({ ...s.dailyLoss, currency })],
    [s.consecutiveLosses.enabled, () => new ConsecutiveLossesBreaker({ ...s.consecutiveLosses, currency })],
    [s.exchangeErrors.enabled, () => new ExchangeErrorsBreaker(s.exchangeErrors)],
    [s.staleData.enabled, () => new StaleDataBreaker(s.staleData)],
    [s.priceGap.enabled, () => new PriceGapBreaker(s.priceGap)],
  ];
  return all.filter(([on]) => on).map(([, make]) => make());
}
