// Strategy parameters: loose key/value input (CLI, sweeps, the contract) checked against the strategy's schema in
// shared/strategy-params.ts — the one the Backtest page's form is built from — with the field and value named in errors.
import type { z } from 'zod';
import { ConfigError } from '../errors';

export type StrategyParams = Readonly<Record<string, number | boolean | string | undefined>>;

/** Numeric text ("12" from a CLI or a stored run) reads as the number it spells; anything else is left to the schema. */
function looseValue(raw: StrategyParams[string]): unknown {
  return typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
}

/** `params` parsed by `schema` (defaults filled in; keys it does not know are ignored), or a ConfigError naming the first bad field. */
export function parseStrategyParams<S extends z.ZodObject>(strategy: string, schema: S, params: StrategyParams): z.output<S> {
  const input = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, looseValue(v)]));
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.map(String).join('.');
  // A refinement may fault a field left at its default (fast=12 against slow=5): name the value it had.
  const value = params[field] ?? schema.shape[field]?.safeParse(undefined).data;
  throw new ConfigError(`${strategy}: param ${field} ${issue.message}, got ${String(value)}`, 'CONFIG_INVALID', { field, value });
}
