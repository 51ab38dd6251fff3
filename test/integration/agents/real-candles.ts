// Loads the shared BTC/USDT 1h freqtrade file ([[ms, o, h, l, c, v], ...] gzip) into a CandleSeries for the panel tests.
import { readFileSync } from 'node:fs';
import { mulberry32 } from '../../emulator/candles';
import { gunzipSync } from 'node:zlib';
import { allocateSeries, type CandleSeries } from '../../../electron/engine/model/candle-series';
import { sharedPath } from '../../shared-data';

export const BTC_1H = ['data', 'Pr4v33n23-freqtrade', 'BTC_USDT-1h.json.gz'];

export function loadFreqtrade(parts: string[]): CandleSeries {
  const rows = JSON.parse(gunzipSync(readFileSync(sharedPath(...parts))).toString('utf8')) as number[][];
  const s = allocateSeries(rows.length);
  rows.forEach((r, i) => {
    s.time[i] = r[0];
    s.open[i] = r[1];
    s.high[i] = r[2];
    s.low[i] = r[3];
    s.close[i] = r[4];
    s.volume[i] = r[5];
  });
  return s;
}

/** A copy of the series whose bars after `t` are replaced by valid-looking random garbage (or extremes). */
export function garbageAfter(src: CandleSeries, t: number, seed: number, extreme = false): CandleSeries {
  const s = allocateSeries(src.length);
  for (const key of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) s[key].set(src[key]);
  const rand = mulberry32(seed);
  for (let i = t + 1; i < s.length; i++) {
    const base = extreme ? (rand() < 0.5 ? 1e-6 : 1e9) : 100 + rand() * 100_000;
    const open = base * (0.5 + rand());
    const close = base * (0.5 + rand());
    s.open[i] = open;
    s.close[i] = close;
    s.high[i] = Math.max(open, close) * (1 + rand());
    s.low[i] = Math.min(open, close) * (1 - rand() * 0.9);
    s.volume[i] = extreme ? (rand() < 0.5 ? 0 : 1e15) : rand() * 1e6;
  }
  return s;
}
