// The feature schema hash of this build, computed once: models record it, the library and the Predictor check it.
import { FEATURE_SCHEMA, schemaHash } from './schema';

let hash: string | undefined;

export function codeFeatureHash(): string {
  return (hash ??= schemaHash(FEATURE_SCHEMA));
}
