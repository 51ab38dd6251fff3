// A long synthetic sine-ish 1m series: enough bars for many checkpoints and trades (service, sweep and pool tests).
import { allocateSeries, type CandleSeries } from '../../electron/engine/model/candle-series';
import type { EmuCandle } from '../emulator';

export function wave(n: number): CandleSeries {
  const s = allocateSeries(n);
  for (let i = 0; i < n; i++) {
    const c = 100 + 10 * Math.sin(i / 50) + 3 * Math.sin(i / 7);
    s.time[i] = Date.UTC(2023, 0, 1) + i * 60_000;
    [s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i]] = [c, c + 0.5, c - 0.5, c, 1];
  }
  return s;
}

/** Years of 1m bars (five years are 2.6 M): slow and fast waves with a drift, so every aggregation bucket differs. */
export function longWave(n: number, start = Date.UTC(2019, 0, 1)): CandleSeries {
  const s = allocateSeries(n);
  for (let i = 0; i < n; i++) {
    const c = 100 + 20 * Math.sin(i / 5_000) + 3 * Math.sin(i / 37) + i * 1e-5;
    s.time[i] = start + i * 60_000;
    [s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i]] = [c - 0.1, c + 0.5 + (i % 7) * 0.01, c - 0.5, c, 1 + (i % 13)];
  }
  return s;
}

/** `wave(n)` as the exchange emulator's candles, prices at the emulator's 0.001 tick. */
export function waveCandles(n: number): EmuCandle[] {
  const s = wave(n);
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return Array.from({ length: n }, (_, i) => ({ time: s.time[i], open: r(s.open[i]), high: r(s.high[i]), low: r(s.low[i]), close: r(s.close[i]), volume: s.volume[i] }));
}
