// The contract every feature family keeps: the same named columns from a whole series (batch) and from one closed
// bar at a time (stream). Families own a few columns each, so batch and stream can share one formula per value.
import type { Bar } from '../../indicators';
import type { CandleSeries } from '../../model/candle-series';

/** A feature's parameters as the schema hashes them: flat, so canonical JSON needs no nesting rules. */
export type FeatureParams = Readonly<Record<string, number | string>>;

export interface FeatureSpec {
  readonly name: string;
  readonly params: FeatureParams;
}

/**
 * Per-bar columns CandleSeries does not have (Binance klines do): features that read them join the schema only when
 * they are given, so the default schema stays computable from plain candles.
 */
export interface FeatureExtra {
  takerBuyVolume?: Float64Array;
  trades?: Float64Array;
}

export interface FeatureInput extends FeatureExtra {
  series: CandleSeries;
}

/** One closed bar for the streaming form; the optional fields match FeatureExtra. */
export interface FeatureBar extends Bar {
  readonly takerBuyVolume?: number;
  readonly trades?: number;
}

/** Where a family writes in batch: columns at..at+specs.length-1 of a row-major matrix with `cols` columns. */
export interface ColumnBlock {
  readonly values: Float32Array;
  readonly cols: number;
  readonly at: number;
}

export interface FamilyStream {
  /** Writes this family's values for `bar` into row[at..]; NaN where not warmed up. */
  update(bar: FeatureBar, row: Float32Array, at: number): void;
}

export interface FeatureFamily {
  /** Names and parameters, in column order. */
  readonly specs: readonly FeatureSpec[];
  /** Fills every row of this family's columns; must not read bar i+1 when writing row i. */
  batch(input: FeatureInput, out: ColumnBlock): void;
  /** Fresh state for the streaming form. */
  stream(): FamilyStream;
}
