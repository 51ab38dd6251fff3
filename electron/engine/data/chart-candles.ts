// Candles for the chart: the latest `maxBars` of a range, as plain columnar arrays for the contract.
import type { CandleStore } from './candle-store';
import type { SeriesKey } from './candle-store/types';

export function candlesForChart(store: CandleStore, req: SeriesKey & { from?: number; to?: number; maxBars: number }) {
  const s = store.load({ exchange: req.exchange, symbol: req.symbol, timeframe: req.timeframe }, { from: req.from, to: req.to });
  const start = Math.max(0, s.length - req.maxBars);
  const take = (a: Float64Array) => Array.from(a.subarray(start));
  return { time: take(s.time), open: take(s.open), high: take(s.high), low: take(s.low), close: take(s.close), volume: take(s.volume), total: s.length };
}
