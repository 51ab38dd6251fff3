// Registry indicators for the chart, computed by the engine on the candles the chart shows (same resolution, same
// bars as `candles.get`), over enough bars before the range that the first value shown is the settled one.
import { TIMEFRAME_MS, type Timeframe } from '../../../shared/domain';
import type { IndicatorInfo, IndicatorSeriesReply } from '../../../shared/indicators-contract';
import { ConfigError, QuorumError } from '../errors';
import { chartMeta } from '../indicators/chart-meta';
import { getIndicator, INDICATORS, indicatorNames } from '../indicators/registry';
import type { IndicatorSpec, ParamValues } from '../indicators/registry-types';
import { allocateSeries, type CandleSeries } from '../model/candle-series';
import type { CandleStore } from './candle-store';
import { autoResolution, checkedResolution } from './chart-candles';
import type { SeriesKey } from './candle-store/types';

export interface ChartIndicatorRequest extends SeriesKey {
  from?: number;
  to?: number;
  resolution?: Timeframe;
  maxBars: number;
  name: string;
  params: Record<string, number>;
}

/** Every registry indicator with where the chart draws it. */
export function chartIndicatorList(): IndicatorInfo[] {
  return indicatorNames().map((name) => {
    const spec = INDICATORS[name];
    return { name, description: spec.description, kind: chartMeta(name).kind, outputs: [...spec.outputs], params: { ...spec.params } };
  });
}

export function indicatorSeriesForChart(store: CandleStore, req: ChartIndicatorRequest): IndicatorSeriesReply {
  const spec = getIndicator(req.name);
  const params = checkedParams(spec, req.params);
  const base = req.timeframe as Timeframe;
  const key = { exchange: req.exchange, symbol: req.symbol, timeframe: base };
  const resolution = req.resolution === undefined ? autoResolution(store, key, req) : checkedResolution(base, req.resolution);
  const kind = chartMeta(spec.name).kind;
  const extent = store.extent(key);
  const to = req.to ?? Infinity;
  const from = Math.max(req.from ?? -Infinity, extent?.first ?? Infinity);
  if (!extent || !(from < to)) return { name: spec.name, kind, params, resolution, time: new Float64Array(0), outputs: spec.outputs.map((name) => ({ name, values: new Float64Array(0) })), warmUpBars: 0 };

  const { series, first } = withWarmUp(store, key, resolution, from, to, chartMeta(spec.name).warmUp(params, TIMEFRAME_MS[resolution]), extent.first);
  const columns = spec.batch(series, params);
  // The latest maxBars of the range, as candles.get cuts them. Copies: a view would send the whole warm-up buffer.
  const start = Math.max(first, series.length - req.maxBars);
  return {
    name: spec.name, kind, params, resolution,
    time: series.time.slice(start),
    outputs: spec.outputs.map((name) => ({ name, values: columns[name].slice(start) })),
    warmUpBars: first,
  };
}

/**
 * The bars of [from, to) at `resolution` with `warmUp` bars before them where the dataset has them. The look-back is
 * a time span, so gaps in the data make it short: it doubles until it holds enough bars or reaches the first bar.
 */
function withWarmUp(store: CandleStore, key: SeriesKey & { timeframe: Timeframe }, resolution: Timeframe, from: number, to: number, warmUp: number, firstTime: number) {
  const barMs = TIMEFRAME_MS[resolution];
  const aligned = Math.floor(from / barMs) * barMs;
  let span = warmUp * barMs;
  for (;;) {
    const start = Number.isFinite(span) && aligned - span > firstTime ? aligned - span : -Infinity;
    const series = load(store, key, resolution, start, to);
    // candles.get starts at the bucket holding `from` when it aggregates, at the first bar from `from` when it does not.
    const first = firstAtOrAfter(series.time, resolution === key.timeframe ? from : aligned);
    if (first >= warmUp || start === -Infinity) return { series, first };
    span *= 2;
  }
}

function load(store: CandleStore, key: SeriesKey & { timeframe: Timeframe }, resolution: Timeframe, from: number, to: number): CandleSeries {
  const range = { from: Number.isFinite(from) ? from : undefined, to: Number.isFinite(to) ? to : undefined };
  return resolution === key.timeframe ? store.load(key, range) : store.aggregate(key, resolution, range).series;
}

/** Index of the first bar opening at or after `t`. */
function firstAtOrAfter(time: Float64Array, t: number): number {
  let lo = 0;
  let hi = time.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (time[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Defaults overlaid with the request's params, checked by the indicator itself on no bars (so before any data is
 * read); its error names the param, here as `params.<name>` like the contract's own field paths.
 */
function checkedParams(spec: IndicatorSpec, given: Record<string, number>): ParamValues {
  try {
    spec.batch(allocateSeries(0), given);
  } catch (err) {
    if (err instanceof QuorumError && typeof err.details.field === 'string') {
      throw new ConfigError(err.message, err.code, { ...err.details, field: `params.${err.details.field}` }, { cause: err });
    }
    throw err;
  }
  return { ...spec.params, ...given };
}
