// Batch form: every feature of every bar as one row-major float32 matrix (ONNX's input type), each family filling its
// columns in one pass per indicator. Memory is the matrix plus a few float64 columns of the indicator running at
// the time; the Regime agent works in fixed windows.
import { ConfigError } from '../../errors';
import type { CandleSeries } from '../../model/candle-series';
import { featureFamilies, type RegimeSettings } from './catalog';
import type { FeatureExtra } from './family';
import { schemaHash, schemaOf } from './schema';

export interface FeatureMatrix {
  readonly names: readonly string[];
  /** sha256 of the schema the columns follow (see schemaHash). */
  readonly schemaHash: string;
  readonly rows: number;
  readonly cols: number;
  /** Row r, column c at values[r * cols + c]. NaN where a feature has not warmed up. */
  readonly values: Float32Array;
  /** Bar open time of each row (ms, UTC). */
  readonly time: Float64Array;
  /** First row where every feature is finite (rows when there is none): training starts here. */
  readonly firstComplete: number;
}

export interface FeatureOptions {
  /** The Regime agent's settings; the panel's defaults if absent. */
  regime?: RegimeSettings;
  /** Optional per-bar inputs, each as long as the series; each one given adds its features (and changes the hash). */
  extra?: FeatureExtra;
}

function checkExtra(series: CandleSeries, extra: FeatureExtra): void {
  for (const [field, column] of Object.entries(extra)) {
    if (column !== undefined && column.length !== series.length) {
      throw new ConfigError(`feature input ${field} has ${column.length} values for ${series.length} bars`, 'CONFIG_INVALID', {
        field,
        value: column.length,
      });
    }
  }
}

/** Index of the first row whose values are all finite; `rows` if none is. */
export function firstCompleteRow(values: Float32Array, rows: number, cols: number): number {
  for (let r = 0; r < rows; r++) {
    let complete = true;
    for (let p = r * cols, end = p + cols; p < end; p++) {
      if (!Number.isFinite(values[p])) {
        complete = false;
        break;
      }
    }
    if (complete) return r;
  }
  return rows;
}

export function computeFeatures(series: CandleSeries, options: FeatureOptions = {}): FeatureMatrix {
  const extra = options.extra ?? {};
  checkExtra(series, extra);
  const families = featureFamilies({
    regime: options.regime,
    takerBuyVolume: extra.takerBuyVolume !== undefined,
    trades: extra.trades !== undefined,
  });
  const schema = schemaOf(families);
  const rows = series.length;
  const cols = schema.names.length;
  const values = new Float32Array(rows * cols);
  const input = { series, ...extra };
  let at = 0;
  for (const family of families) {
    family.batch(input, { values, cols, at });
    at += family.specs.length;
  }
  return {
    names: schema.names,
    schemaHash: schemaHash(schema),
    rows,
    cols,
    values,
    time: series.time.slice(),
    firstComplete: firstCompleteRow(values, rows, cols),
  };
}
