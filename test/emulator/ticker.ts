// 24-hour rolling statistics for /api/v3/ticker/24hr, computed from the candles visible so far.
import { fmt } from './decimal';
import type { CandleFeed } from './candles';
import type { MarketSpec } from './types';

const DAY_MS = 86_400_000;

export function ticker24hr(feed: CandleFeed, symbol: string, spec: MarketSpec): Record<string, unknown> {
  const visible = feed.visible(symbol);
  const last = visible[visible.length - 1];
  const closeTime = last.time + feed.baseMs - 1;
  const window = visible.filter((candle) => candle.time > closeTime - DAY_MS);
  const first = window[0];
  const volume = window.reduce((sum, candle) => sum + candle.volume, 0);
  const quoteVolume = window.reduce((sum, candle) => sum + candle.volume * candle.close, 0);
  const change = last.close - first.open;
  const tick = Number(spec.tickSize);
  const previous = visible[visible.length - 1 - window.length];
  return {
    symbol,
    priceChange: fmt(change),
    priceChangePercent: (first.open === 0 ? 0 : (change / first.open) * 100).toFixed(3),
    weightedAvgPrice: fmt(volume === 0 ? last.close : quoteVolume / volume),
    prevClosePrice: fmt(previous ? previous.close : first.open),
    lastPrice: fmt(last.close),
    lastQty: fmt(Number(spec.minQty)),
    bidPrice: fmt(last.close - tick),
    bidQty: '1.00000000',
    askPrice: fmt(last.close + tick),
    askQty: '1.00000000',
    openPrice: fmt(first.open),
    highPrice: fmt(Math.max(...window.map((candle) => candle.high))),
    lowPrice: fmt(Math.min(...window.map((candle) => candle.low))),
    volume: fmt(volume),
    quoteVolume: fmt(quoteVolume),
    openTime: first.time,
    closeTime,
    firstId: 0,
    lastId: window.length - 1,
    count: window.length,
  };
}
