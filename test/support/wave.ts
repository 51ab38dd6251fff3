// A long synthetic sine-ish 1m series: enough bars for many checkpoints and trades (service, sweep and pool tests).
import { allocateSeries, type CandleSeries } from '../../electron/engine/model/candle-series';

export function wave(n: number): CandleSeries {
  const s = allocateSeries(n);
  for (let i = 0; i < n; i++) {
    const c = 100 + 10 * Math.sin(i / 50) + 3 * Math.sin(i / 7);
    s.time[i] = Date.UTC(2023, 0, 1) + i * 60_000;
    [s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i]] = [c, c + 0.5, c - 0.5, c, 1];
  }
  return s;
}
