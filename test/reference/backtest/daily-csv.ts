// Reads the other tools' daily test CSVs (ISO date, then open, high, low, close, volume) on its own, independent of
// our importers, so a reference test checks the backtester and nothing else.
import { readFileSync } from 'node:fs';
import { allocateSeries, type CandleSeries } from '../../../electron/engine/model/candle-series';

export function readDailyCsv(path: string): CandleSeries {
  const rows = readFileSync(path, 'utf8').trim().split('\n').slice(1);
  const s = allocateSeries(rows.length);
  rows.forEach((row, i) => {
    const [date, open, high, low, close, volume] = row.split(',');
    const [y, m, d] = date.split('-').map(Number);
    s.time[i] = Date.UTC(y, m - 1, d);
    s.open[i] = Number(open);
    s.high[i] = Number(high);
    s.low[i] = Number(low);
    s.close[i] = Number(close);
    s.volume[i] = Number(volume);
  });
  return s;
}
