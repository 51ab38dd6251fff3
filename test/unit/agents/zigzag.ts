// A deterministic hourly zig-zag series for agent tests, optionally with one huge bar (a volatility spike).
import { allocateSeries, type CandleSeries } from '../../../electron/engine/model/candle-series';

export const HOUR = 3_600_000;

export function zigzag(n: number, spikeAt = -1): CandleSeries {
  const s = allocateSeries(n);
  for (let i = 0; i < n; i++) {
    const c = 100 + Math.sin(i / 3) * 2 + i * 0.05;
    s.time[i] = 1_700_000_000_000 + i * HOUR;
    s.open[i] = c - 0.2;
    s.close[i] = c;
    s.high[i] = c + (i === spikeAt ? 40 : 0.5);
    s.low[i] = c - 0.7;
    s.volume[i] = 10 + (i % 5);
  }
  return s;
}
