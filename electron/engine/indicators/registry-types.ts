// The registry's contract and its param handling: merge defaults, reject unknown names, parse CLI "key=value" pairs.
import type { CandleSeries } from '../model/candle-series';
import { ConfigError } from '../errors';
import type { Bar } from './types';

export type ParamValues = Readonly<Record<string, number>>;

/** A streaming indicator behind the uniform registry interface: one closed bar in, every output out. */
export interface IndicatorStream {
  update(bar: Bar): Record<string, number>;
}

export interface IndicatorSpec {
  readonly name: string;
  readonly description: string;
  /** Defaults; also the complete list of accepted param names. */
  readonly params: ParamValues;
  readonly outputs: readonly string[];
  batch(series: CandleSeries, params?: Partial<ParamValues>): Record<string, Float64Array>;
  stream(params?: Partial<ParamValues>): IndicatorStream;
}

/** Defaults overlaid with the caller's values; an unknown name fails with the name in the message. */
export function resolveParams(indicator: string, defaults: ParamValues, given: Partial<ParamValues> = {}): ParamValues {
  const merged: Record<string, number> = { ...defaults };
  for (const [key, value] of Object.entries(given)) {
    if (!Object.hasOwn(defaults, key)) {
      const known = Object.keys(defaults).join(', ') || '(none)';
      throw new ConfigError(`unknown param ${key} for indicator ${indicator} (accepted: ${known})`, 'CONFIG_INVALID', {
        field: key,
        value,
      });
    }
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

/** Parses CLI pairs like ["period=14", "stdDev=2.5"] into numbers. */
export function parseParamArgs(pairs: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq > 0 ? pair.slice(0, eq).trim() : '';
    const raw = eq > 0 ? pair.slice(eq + 1).trim() : '';
    const value = raw === '' ? NaN : Number(raw);
    if (key === '' || !Number.isFinite(value)) {
      throw new ConfigError(`param must look like name=number, got ${pair}`, 'CONFIG_INVALID', {
        field: key || 'param',
        value: pair,
      });
    }
    out[key] = value;
  }
  return out;
}

type BatchFn = (s: CandleSeries, p: ParamValues) => Record<string, Float64Array>;
type StreamFn = (p: ParamValues) => IndicatorStream;

/** Builds a spec whose batch/stream entry points validate param names before running. */
export function defineIndicator(
  name: string,
  description: string,
  params: ParamValues,
  outputs: readonly string[],
  batch: BatchFn,
  stream: StreamFn,
): IndicatorSpec {
  return {
    name,
    description,
    params,
    outputs,
    batch: (series, given) => batch(series, resolveParams(name, params, given)),
    stream: (given) => stream(resolveParams(name, params, given)),
  };
}

/** Wraps a one-number-out stream so it speaks the registry's { value } shape. */
export function valueStream(update: (bar: Bar) => number): IndicatorStream {
  return { update: (bar) => ({ value: update(bar) }) };
}
