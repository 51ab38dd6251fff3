// Strategy parameters from the command line: single values (k=v), ranges (k=a..b:step) and lists (k=a,b,c) → a grid.
import { ConfigError } from '../errors';
import type { StrategyParams } from '../strategies/params';

export type ParamValue = number | boolean | string;

export interface ParamAxis {
  key: string;
  values: ParamValue[];
}

/** The most points one axis may expand to: a typo like 1..100000:1 should fail, not run for a day. */
const MAX_AXIS = 10_000;

function bad(spec: string, why: string): never {
  throw new ConfigError(`--param ${spec}: ${why}`, 'CLI_ARGS', { field: 'param', value: spec });
}

/** "12" → 12, "true"/"false" → booleans, anything else stays text (strategies check their own params). */
export function parseParamValue(text: string): ParamValue {
  if (text === 'true') return true;
  if (text === 'false') return false;
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

function splitSpec(spec: string): [string, string] {
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1) bad(spec, 'expected key=value, key=a..b[:step] or key=a,b,c');
  return [spec.slice(0, eq).trim(), spec.slice(eq + 1).trim()];
}

function rangeValues(spec: string, text: string): number[] {
  const m = /^(-?[\d.]+)\.\.(-?[\d.]+)(?::([\d.]+))?$/.exec(text);
  if (!m) bad(spec, 'a range looks like a..b or a..b:step');
  const [lo, hi, step] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  if (![lo, hi, step].every(Number.isFinite) || step <= 0) bad(spec, 'range bounds must be numbers and step > 0');
  if (hi < lo) bad(spec, `range end ${hi} is below its start ${lo}`);
  const count = Math.floor((hi - lo) / step + 1e-9) + 1;
  if (count > MAX_AXIS) bad(spec, `expands to ${count} values (at most ${MAX_AXIS})`);
  // Rounding keeps 0.1-steps from drifting into 0.30000000000000004.
  return Array.from({ length: count }, (_, i) => Number((lo + i * step).toPrecision(12)));
}

/** One --param spec as an axis of the grid. */
export function parseParamAxis(spec: string): ParamAxis {
  const [key, text] = splitSpec(spec);
  if (text.includes('..')) return { key, values: rangeValues(spec, text) };
  if (text.includes(',')) return { key, values: text.split(',').filter((v) => v.trim() !== '').map((v) => parseParamValue(v.trim())) };
  return { key, values: [parseParamValue(text)] };
}

/** Fixed params for a single run: every spec must name exactly one value. */
export function parseFixedParams(specs: readonly string[]): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const spec of specs) {
    const axis = parseParamAxis(spec);
    if (axis.values.length !== 1) bad(spec, 'a single run takes one value per param (ranges and lists are for sweep/walkforward)');
    out[axis.key] = axis.values[0];
  }
  return out;
}

/** Every combination, in a fixed order (the last axis varies fastest), so results line up across runs and workers. */
export function expandGrid(axes: readonly ParamAxis[], maxCombos = 100_000): StrategyParams[] {
  const keys = new Set<string>();
  for (const a of axes) {
    if (keys.has(a.key)) bad(`${a.key}=…`, 'given twice');
    keys.add(a.key);
  }
  const total = axes.reduce((n, a) => n * a.values.length, 1);
  if (total > maxCombos) bad(axes.map((a) => a.key).join(','), `the grid has ${total} combinations (at most ${maxCombos})`);
  let grid: Record<string, ParamValue>[] = [{}];
  for (const axis of axes) grid = grid.flatMap((p) => axis.values.map((v) => ({ ...p, [axis.key]: v })));
  return grid;
}

/** "fast=10 slow=30", for tables and progress lines. */
export function formatParams(params: StrategyParams): string {
  return Object.entries(params).map(([k, v]) => `${k}=${String(v)}`).join(' ');
}
