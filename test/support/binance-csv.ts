// Real Binance kline CSVs read with a plain split, so tests and benchmarks that need candles do not depend on the
// importers under test; plus the object form the exchange emulator replays.
import { readFileSync } from 'node:fs';
import { allocateSeries, candleAt, type CandleSeries } from '../../electron/engine/model/candle-series';
import type { Candle } from '../../shared/domain';
import { sharedPath } from '../shared-data';

export function readBinanceCsv(path: string): CandleSeries {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => /^[0-9]/.test(l));
  const s = allocateSeries(lines.length);
  lines.forEach((line, i) => {
    const f = line.split(',');
    s.time[i] = Number(f[0]);
    s.open[i] = Number(f[1]);
    s.high[i] = Number(f[2]);
    s.low[i] = Number(f[3]);
    s.close[i] = Number(f[4]);
    s.volume[i] = Number(f[5]);
  });
  return s;
}

/** The first `n` one-minute FIL/USDT candles of August 2023, as the emulator takes them. */
export function filCandles(n: number): Candle[] {
  const s = readBinanceCsv(sharedPath('data', 'isda-binance-1m', 'FILUSDT-1m-2023-08.csv'));
  return Array.from({ length: Math.min(n, s.length) }, (_, i) => candleAt(s, i));
}
