// `quorum features`: the feature matrix a model reads, with named columns. A summary by default (schema, first
// complete row, per-feature statistics over complete rows); --csv `time,<names>` rows with time in epoch ms UTC (as
// the candle files and `quorum indicators --csv`), NaN during warm-up; --json {schema, time, rows} with null there.
// Features are computed from the first bar, so rows inside --from/--to have their warm-up from the bars before.
// --microstructure adds the taker-buy share and trade-count features from a Binance kline file's extra columns.
import { ConfigError } from '../../errors';
import { computeFeatures, FEATURE_SCHEMA_VERSION, type FeatureMatrix } from '../../ml/features';
import { sliceSeries } from '../../model/candle-series';
import { parseFlags, type CliIO, type Command } from '../command';
import { isoTime, table } from '../format';
import { DATA_OPTIONS, DATA_USAGE, f32Text, lineSink, loadMlData, MICROSTRUCTURE_OPTION, MICROSTRUCTURE_USAGE, parseRange, rangeIndices, sliceExtra, type LineSink } from './ml-shared';

const CHUNK = 2_000;

interface ColumnStats {
  mean: number;
  std: number;
  min: number;
  max: number;
}

function isComplete(m: FeatureMatrix, r: number): boolean {
  for (let p = r * m.cols, end = p + m.cols; p < end; p++) if (!Number.isFinite(m.values[p])) return false;
  return true;
}

/** Mean, (population) standard deviation, min and max of each column over the complete rows in [a, b). */
function columnStats(m: FeatureMatrix, a: number, b: number): { complete: number; first: number; stats: ColumnStats[] } {
  const n = new Float64Array(m.cols);
  const mean = new Float64Array(m.cols);
  const m2 = new Float64Array(m.cols);
  const min = new Float64Array(m.cols).fill(Infinity);
  const max = new Float64Array(m.cols).fill(-Infinity);
  let complete = 0;
  let first = -1;
  for (let r = a; r < b; r++) {
    if (!isComplete(m, r)) continue;
    if (first < 0) first = r;
    complete++;
    for (let c = 0; c < m.cols; c++) {
      const v = m.values[r * m.cols + c];
      // Welford: steady for columns with a large mean (volumes) as for small ones.
      n[c]++;
      const d = v - mean[c];
      mean[c] += d / n[c];
      m2[c] += d * (v - mean[c]);
      if (v < min[c]) min[c] = v;
      if (v > max[c]) max[c] = v;
    }
  }
  const stats = Array.from({ length: m.cols }, (_, c) =>
    n[c] > 0 ? { mean: mean[c], std: Math.sqrt(m2[c] / n[c]), min: min[c], max: max[c] } : { mean: Number.NaN, std: Number.NaN, min: Number.NaN, max: Number.NaN },
  );
  return { complete, first, stats };
}

const num = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(6))) : '—');

function summary(sink: LineSink, m: FeatureMatrix, a: number, b: number, dataName: string): void {
  const { complete, first, stats } = columnStats(m, a, b);
  const span = b > a ? `${isoTime(m.time[a])} .. ${isoTime(m.time[b - 1])}` : 'none';
  sink.lines([
    `Features of ${dataName}: ${b - a} rows (${span}), ${m.cols} columns`,
    `Schema v${FEATURE_SCHEMA_VERSION}, hash ${m.schemaHash}`,
    first >= 0
      ? `First complete row: bar ${first} at ${isoTime(m.time[first])} (${m.firstComplete} warm-up bars from the start of the data); ${complete} complete rows in range`
      : `No complete row in range (features need ${m.firstComplete} bars of warm-up from the start of the data)`,
    '',
    `Per feature over the ${complete} complete rows (first = the first complete row's value):`,
    table(
      ['#', 'feature', 'first', 'mean', 'std', 'min', 'max'],
      m.names.map((name, c) => [c + 1, name, first >= 0 ? num(m.values[first * m.cols + c]) : '—', num(stats[c].mean), num(stats[c].std), num(stats[c].min), num(stats[c].max)]),
    ),
  ]);
}

function csv(sink: LineSink, m: FeatureMatrix, a: number, b: number): void {
  sink.lines([['time', ...m.names].join(',')]);
  for (let from = a; from < b; from += CHUNK) {
    const lines: string[] = [];
    for (let r = from; r < Math.min(b, from + CHUNK); r++) {
      const cells = [String(m.time[r])];
      for (let c = 0; c < m.cols; c++) cells.push(f32Text(m.values[r * m.cols + c]));
      lines.push(cells.join(','));
    }
    sink.lines(lines);
  }
}

/** One JSON document, written a chunk of rows at a time (one row a line). */
function json(sink: LineSink, m: FeatureMatrix, a: number, b: number): void {
  sink.lines([
    `{"schema":${JSON.stringify({ version: FEATURE_SCHEMA_VERSION, hash: m.schemaHash, names: m.names })},`,
    `"time":${JSON.stringify(Array.from(m.time.subarray(a, b)))},`,
    '"rows":[',
  ]);
  for (let from = a; from < b; from += CHUNK) {
    const lines: string[] = [];
    for (let r = from; r < Math.min(b, from + CHUNK); r++) {
      const cells: string[] = [];
      for (let c = 0; c < m.cols; c++) {
        const v = m.values[r * m.cols + c];
        cells.push(Number.isFinite(v) ? f32Text(v) : 'null');
      }
      lines.push(`[${cells.join(',')}]${r < b - 1 ? ',' : ''}`);
    }
    sink.lines(lines);
  }
  sink.lines([']}']);
}

export const features: Command = {
  path: ['features'],
  summary: 'the feature matrix a model reads (named columns): a summary, or every row as CSV or JSON',
  usage: `quorum features ${DATA_USAGE} ${MICROSTRUCTURE_USAGE} [--csv|--json] [--out FILE] [--db PATH]`,
  async run(argv, io: CliIO) {
    const { values } = parseFlags(argv, { ...DATA_OPTIONS, ...MICROSTRUCTURE_OPTION, csv: { type: 'boolean' }, json: { type: 'boolean' }, out: { type: 'string' } });
    if (values.csv && values.json) throw new ConfigError('Give --csv or --json, not both', 'CLI_ARGS', { field: 'csv' });
    const range = parseRange(values);
    const data = await loadMlData(values);
    const { a, b } = rangeIndices(data.series.time, range);
    // Bars after the range are never needed: the features only look back.
    const m = computeFeatures(b < data.series.length ? sliceSeries(data.series, 0, b) : data.series, { extra: sliceExtra(data.extra, b) });
    const sink = lineSink(io, values.out);
    try {
      if (values.csv) csv(sink, m, a, b);
      else if (values.json) json(sink, m, a, b);
      else summary(sink, m, a, b, `${data.symbol} ${data.timeframe} (${data.name})`);
    } finally {
      sink.close();
    }
    if (values.out !== undefined && values.out !== '-') io.err(`Wrote ${b - a} rows × ${m.cols} features to ${values.out}`);
    return 0;
  },
};
