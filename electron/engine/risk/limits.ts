// The exposure limits every order intent is checked against (schema and defaults in shared/, parsing with named errors here).
import { describeIssues } from '../../../shared/issues';
import { RiskLimitsSchema, type RiskLimits } from '../../../shared/risk-settings';
import { ConfigError } from '../errors';

export { RiskLimitsSchema, DEFAULT_RISK_LIMITS, type RiskLimits, type RiskLimitsInput } from '../../../shared/risk-settings';

/** Validates limits from settings or the UI; a bad value is a ConfigError naming the field. */
export function parseRiskLimits(input: unknown = {}): RiskLimits {
  const parsed = RiskLimitsSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const { message, field } = describeIssues(parsed.error);
  throw new ConfigError(`Invalid risk limits: ${message}`, 'RISK_LIMITS_INVALID', { field });
}
