// Public surface of the ML feature pipeline: re-exports only.
export { computeFeatures, firstCompleteRow, type FeatureMatrix, type FeatureOptions } from './batch';
export { FeatureStream } from './stream';
export { FEATURE_SCHEMA, FEATURE_SCHEMA_VERSION, canonicalJson, featureSchema, schemaHash, type FeatureSchema } from './schema';
export { defaultRegimeSettings, type RegimeSettings, type SchemaOptions } from './catalog';
export { directionLabels, NO_LABEL } from './labels';
export type { FeatureBar, FeatureExtra, FeatureParams } from './family';
