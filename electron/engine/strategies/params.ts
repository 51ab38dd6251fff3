// Strategy parameters: read from loose key/value input with defaults, checked, named in errors.
import { ConfigError } from '../errors';

export type StrategyParams = Readonly<Record<string, number | boolean | string | undefined>>;

function fail(strategy: string, key: string, value: unknown, want: string): never {
  throw new ConfigError(`${strategy}: param ${key} must be ${want}, got ${String(value)}`, 'CONFIG_INVALID', { field: key, value });
}

/** An integer window length ≥ 1 (or ≥ `min`). */
export function intParam(strategy: string, params: StrategyParams, key: string, fallback: number, min = 1): number {
  const raw = params[key] ?? fallback;
  const v = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail(strategy, key, raw, `an integer >= ${min}`);
  return v;
}

/** A finite number within [lo, hi]. */
export function numParam(strategy: string, params: StrategyParams, key: string, fallback: number, lo: number, hi: number): number {
  const raw = params[key] ?? fallback;
  const v = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) fail(strategy, key, raw, `a number in [${lo}, ${hi}]`);
  return v;
}

/** Fails unless `fast` < `slow`, the only ordering in which a cross of the two means what its name says. */
export function checkFastSlow(strategy: string, fast: number, slow: number): void {
  if (fast >= slow) fail(strategy, 'fast', fast, `less than slow (${slow})`);
}
