// A long deterministic 1-minute random walk (about 0.1% per bar, 2% of bars with no volume), for timing the pipeline
// at realistic sizes without shipping years of klines.
import { allocateSeries, type CandleSeries } from '../../../../electron/engine/model/candle-series';
import { mulberry32 } from '../../../emulator/candles';

export function syntheticMinutes(rows: number, seed = 1): CandleSeries {
  const s = allocateSeries(rows);
  const rand = mulberry32(seed);
  let price = 100;
  for (let i = 0; i < rows; i++) {
    const open = price * (1 + (rand() - 0.5) * 0.002);
    const close = open * (1 + (rand() - 0.5) * 0.004);
    s.time[i] = 1_600_000_000_000 + i * 60_000;
    s.open[i] = open;
    s.close[i] = close;
    s.high[i] = Math.max(open, close) * (1 + rand() * 0.002);
    s.low[i] = Math.min(open, close) * (1 - rand() * 0.002);
    s.volume[i] = rand() < 0.02 ? 0 : rand() * 1e5;
    price = close;
  }
  return s;
}
