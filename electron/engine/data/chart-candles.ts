// Candles for the chart as typed columns, at the resolution the chart asks for (or the finest that fits `maxBars`).
// Why: a five-year 1m dataset is 2.6 M bars; the chart shows a few thousand at a time, so it asks for the whole range
// aggregated first, then for the range it zooms into at a finer timeframe.
import type { Timeframe } from '../../../shared/domain';
import { coarserTimeframes, finestResolution } from '../../../shared/resolution';
import { DataError } from '../errors';
import { sliceSeries, type CandleSeries } from '../model/candle-series';
import type { CandleStore } from './candle-store';
import type { SeriesKey } from './candle-store/types';
import { resample } from './resample';

export interface ChartCandlesRequest extends SeriesKey {
  from?: number;
  to?: number;
  maxBars: number;
  resolution?: Timeframe;
}

export function candlesForChart(store: CandleStore, req: ChartCandlesRequest) {
  const base = req.timeframe as Timeframe;
  const s = store.load({ exchange: req.exchange, symbol: req.symbol, timeframe: base }, { from: req.from, to: req.to });
  const resolution = req.resolution ?? autoResolution(s, base, req.maxBars);
  const bars = resolution === base ? s : resample(s, base, checkedResolution(base, resolution));
  const shown = sliceSeries(bars, Math.max(0, bars.length - req.maxBars), bars.length);
  // Copies: a view would pin (and, over structured clone, send) the whole loaded buffer.
  return {
    time: shown.time.slice(), open: shown.open.slice(), high: shown.high.slice(), low: shown.low.slice(), close: shown.close.slice(),
    volume: shown.volume.slice(), total: s.length, resolution,
  };
}

function autoResolution(s: CandleSeries, base: Timeframe, maxBars: number): Timeframe {
  return s.length <= maxBars ? base : finestResolution(base, s.time[s.length - 1] - s.time[0], maxBars);
}

function checkedResolution(base: Timeframe, resolution: Timeframe): Timeframe {
  if (!coarserTimeframes(base).includes(resolution)) {
    throw new DataError(`resolution ${resolution} is not a whole multiple of the dataset's ${base}`, 'DATA_BAD_RESOLUTION', { field: 'resolution', value: resolution });
  }
  return resolution;
}
