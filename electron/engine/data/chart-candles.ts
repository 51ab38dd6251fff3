// Candles for the chart as typed columns, at the resolution the chart asks for (or the finest that fits `maxBars`).
// Why: a five-year 1m dataset is 2.6 M bars; the chart shows a few thousand at a time, so it asks for the whole range
// aggregated first, then for the range it zooms into at a finer timeframe.
import { TIMEFRAME_MS, type Timeframe } from '../../../shared/domain';
import { coarserTimeframes, finestResolution } from '../../../shared/resolution';
import { DataError } from '../errors';
import { sliceSeries, type CandleSeries } from '../model/candle-series';
import type { CandleStore } from './candle-store';
import type { SeriesKey } from './candle-store/types';

export interface ChartCandlesRequest extends SeriesKey {
  from?: number;
  to?: number;
  maxBars: number;
  resolution?: Timeframe;
}

export function candlesForChart(store: CandleStore, req: ChartCandlesRequest) {
  const base = req.timeframe as Timeframe;
  const key = { exchange: req.exchange, symbol: req.symbol, timeframe: base };
  const range = { from: req.from, to: req.to };
  const resolution = req.resolution === undefined ? autoResolution(store, key, req) : checkedResolution(base, req.resolution);
  let bars: CandleSeries;
  let total: number;
  if (resolution === base) {
    bars = store.load(key, range);
    total = bars.length;
  } else {
    ({ series: bars, bars: total } = store.aggregate(key, resolution, range));
  }
  const shown = sliceSeries(bars, Math.max(0, bars.length - req.maxBars), bars.length);
  // Copies: a view would pin (and, over structured clone, send) the whole loaded buffer.
  return {
    time: shown.time.slice(), open: shown.open.slice(), high: shown.high.slice(), low: shown.low.slice(), close: shown.close.slice(),
    volume: shown.volume.slice(), total, resolution,
  };
}

/** The dataset's own timeframe when the range holds at most `maxBars` of it, else the finest that fits. */
export function autoResolution(store: CandleStore, key: SeriesKey & { timeframe: Timeframe }, req: ChartCandlesRequest): Timeframe {
  const extent = store.extent(key);
  if (!extent) return key.timeframe;
  const baseMs = TIMEFRAME_MS[key.timeframe];
  const from = Math.max(req.from ?? -Infinity, extent.first);
  const to = Math.min(req.to ?? Infinity, extent.last + baseMs);
  // At most one bar per step of the range, and never more than the whole series (gaps make it fewer).
  const bars = Math.min(extent.rows, Math.ceil((to - from) / baseMs));
  return bars <= req.maxBars ? key.timeframe : finestResolution(key.timeframe, to - from, req.maxBars);
}

export function checkedResolution(base: Timeframe, resolution: Timeframe): Timeframe {
  if (!coarserTimeframes(base).includes(resolution)) {
    throw new DataError(`resolution ${resolution} is not a whole multiple of the dataset's ${base}`, 'DATA_BAD_RESOLUTION', { field: 'resolution', value: resolution });
  }
  return resolution;
}
