// Parameter checks shared by every indicator, so bad input fails loudly with the param's name and value.
import { ConfigError } from '../errors';

/** A window length: a positive integer. */
export function checkPeriod(name: string, value: number, min = 1): number {
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`indicator param ${name} must be an integer >= ${min}, got ${String(value)}`, 'CONFIG_INVALID', {
      field: name,
      value,
    });
  }
  return value;
}

/** A multiplier or step: a finite number > 0. */
export function checkPositive(name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ConfigError(`indicator param ${name} must be a finite number > 0, got ${String(value)}`, 'CONFIG_INVALID', {
      field: name,
      value,
    });
  }
  return value;
}

/** Fails with the param named when two values are out of order. */
export function checkOrder(lowName: string, low: number, highName: string, high: number): void {
  if (low > high) {
    throw new ConfigError(`indicator param ${lowName} (${low}) must not exceed ${highName} (${high})`, 'CONFIG_INVALID', {
      field: lowName,
      value: low,
    });
  }
}

/** Fails unless all input arrays have the same length. */
export function checkSameLength(...arrays: Float64Array[]): number {
  const n = arrays[0].length;
  for (const a of arrays) {
    if (a.length !== n) {
      throw new ConfigError(`indicator inputs must have equal lengths, got ${n} and ${a.length}`, 'CONFIG_INVALID', {
        field: 'input',
        value: a.length,
      });
    }
  }
  return n;
}

/** An output array pre-filled with NaN, so warm-up slots need no extra pass. */
export function nanArray(n: number): Float64Array {
  return new Float64Array(n).fill(NaN);
}

/** Like nanArray, but only the first `warmUp` slots get NaN: batch loops overwrite the rest, so a full fill is wasted work. */
export function nanPrefixArray(n: number, warmUp: number): Float64Array {
  return new Float64Array(n).fill(NaN, 0, Math.min(warmUp, n));
}

/** TA-Lib's TA_IS_ZERO: treats |v| < 1e-8 as zero to dodge division blow-ups. */
export function taIsZero(v: number): boolean {
  return v > -0.00000001 && v < 0.00000001;
}
