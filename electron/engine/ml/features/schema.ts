// The feature schema: version, ordered names and their parameters, and a hash a trained model records so it is
// never fed rows of another layout. Names and params come from the families that compute them (one source of truth).
import { createHash } from 'node:crypto';
import { featureFamilies, type SchemaOptions } from './catalog';
import type { FeatureFamily, FeatureParams } from './family';

/**
 * Bump on any change to what a column means (a formula, a period, the order), even if the names stay: the hash
 * changes with names and params on its own, but a formula change would slip through without the version.
 */
export const FEATURE_SCHEMA_VERSION = 1;

export interface FeatureSchema {
  readonly version: number;
  readonly names: readonly string[];
  /** Parameters of each feature, by name. */
  readonly params: Readonly<Record<string, FeatureParams>>;
}

/** The schema for these options; the default one is candles-only, and optional inputs add columns (and change the hash). */
export function featureSchema(options: SchemaOptions = {}): FeatureSchema {
  return schemaOf(featureFamilies(options));
}

/** The schema of these families, in their order. */
export function schemaOf(families: readonly FeatureFamily[]): FeatureSchema {
  const specs = families.flatMap((f) => f.specs);
  const names = specs.map((s) => s.name);
  if (new Set(names).size !== names.length) throw new Error(`feature schema has duplicate names: ${names.join(', ')}`);
  return Object.freeze({
    version: FEATURE_SCHEMA_VERSION,
    names: Object.freeze(names),
    params: Object.freeze(Object.fromEntries(specs.map((s) => [s.name, Object.freeze({ ...s.params })]))),
  });
}

export const FEATURE_SCHEMA: FeatureSchema = featureSchema();

/** JSON with object keys sorted at every level and no whitespace: equal content, equal text, whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256 (hex) of the canonical JSON of version, names and params. */
export function schemaHash(schema: FeatureSchema = FEATURE_SCHEMA): string {
  const { version, names, params } = schema;
  return createHash('sha256').update(canonicalJson({ version, names, params })).digest('hex');
}
