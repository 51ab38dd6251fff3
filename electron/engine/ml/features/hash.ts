// The feature schema hash of this build, computed once: models record it, the library and the Predictor check it.
// A model may also read kline inputs beyond OHLCV (taker-buy volume, trade count): its schema is the extended one.
import type { FeatureInput } from '../../../../shared/model-manifest';
import type { FeatureExtra } from './family';
import { FEATURE_SCHEMA, featureSchema, schemaHash } from './schema';

let hash: string | undefined;

export function codeFeatureHash(): string {
  return (hash ??= schemaHash(FEATURE_SCHEMA));
}

/** The features a model reading `inputs` besides OHLCV expects: their schema hash and column count. */
export interface ExpectedFeatures {
  hash: string;
  cols: number;
  inputs: readonly FeatureInput[];
}

export function expectedFeatures(inputs: readonly FeatureInput[] = []): ExpectedFeatures {
  if (inputs.length === 0) return { hash: codeFeatureHash(), cols: FEATURE_SCHEMA.names.length, inputs };
  const schema = featureSchema({ takerBuyVolume: inputs.includes('takerBuyVolume'), trades: inputs.includes('trades') });
  return { hash: schemaHash(schema), cols: schema.names.length, inputs };
}

/** The optional inputs present in `extra`, in schema order. */
export function inputsOf(extra: FeatureExtra | undefined): FeatureInput[] {
  const out: FeatureInput[] = [];
  if (extra?.takerBuyVolume) out.push('takerBuyVolume');
  if (extra?.trades) out.push('trades');
  return out;
}

/**
 * Why a model reading `theirs` cannot be fed by a caller computing `ours`, when the inputs differ; undefined when
 * they match (then only the schema version can differ). One wording for the library, the Predictor and the CLI.
 */
export function inputsMismatch(theirs: readonly FeatureInput[], ours: ExpectedFeatures): string | undefined {
  if (theirs.join(',') === ours.inputs.join(',')) return undefined;
  return theirs.length > 0 ? `it reads ${describeInputs(theirs)}` : 'it reads candles only: use it without --microstructure';
}

/** Plain words for a trader: what the inputs are and why the app cannot feed them. */
export function describeInputs(inputs: readonly FeatureInput[]): string {
  const words = inputs.map((i) => (i === 'takerBuyVolume' ? 'taker-buy volume' : 'trade counts'));
  return `kline ${words.join(' and ')}, which only Binance kline files carry (stored datasets and exchange candles are OHLCV): use it with \`quorum predict --microstructure\` on such files`;
}
