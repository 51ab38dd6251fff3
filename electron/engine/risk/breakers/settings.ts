// Every breaker's threshold and cooldown as one zod schema with defaults, and the factory that builds the enabled ones.
import { BreakerSettingsSchema, type BreakerSettings } from '../../../../shared/risk-settings';
import { describeIssues } from '../../../../shared/issues';
import { ConfigError } from '../../errors';
import { ConsecutiveLossesBreaker } from './consecutive-losses';
import { DailyLossBreaker } from './daily-loss';
import { ExchangeErrorsBreaker } from './exchange-errors';
import { MaxDrawdownBreaker } from './max-drawdown';
import { PriceGapBreaker } from './price-gap';
import { StaleDataBreaker } from './stale-data';
import type { CircuitBreaker } from './types';

export { BreakerSettingsSchema, DEFAULT_BREAKER_SETTINGS, type BreakerSettings, type BreakerSettingsInput } from '../../../../shared/risk-settings';

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
