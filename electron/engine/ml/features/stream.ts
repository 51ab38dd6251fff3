// Streaming form: one closed bar in, its feature row out, bit for bit the row computeFeatures gives that bar. Each
// family does O(1) work per bar (indicator streams, rings, rolling sums); the exceptions are CCI's O(period) mean
// deviation and the percentile windows' sorted inserts (a binary search plus a short memmove), bounded by their windows.
import { featureFamilies, type SchemaOptions } from './catalog';
import type { FamilyStream, FeatureBar } from './family';
import { schemaHash, schemaOf, type FeatureSchema } from './schema';

export class FeatureStream {
  readonly schema: FeatureSchema;
  readonly schemaHash: string;
  readonly cols: number;
  private readonly parts: { stream: FamilyStream; at: number }[] = [];

  /** Options as for featureSchema: set takerBuyVolume / trades to expect those fields on every bar (NaN if missing). */
  constructor(options: SchemaOptions = {}) {
    const families = featureFamilies(options);
    this.schema = schemaOf(families);
    this.schemaHash = schemaHash(this.schema);
    this.cols = this.schema.names.length;
    let at = 0;
    for (const family of families) {
      this.parts.push({ stream: family.stream(), at });
      at += family.specs.length;
    }
  }

  get names(): readonly string[] {
    return this.schema.names;
  }

  /** The row for `bar`, which must be the next closed bar in time order. A fresh array: callers may keep it. */
  update(bar: FeatureBar): Float32Array {
    const row = new Float32Array(this.cols);
    for (const { stream, at } of this.parts) stream.update(bar, row, at);
    return row;
  }
}
