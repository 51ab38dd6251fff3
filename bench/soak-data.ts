// Market data for the paper soak (bench/soak-paper.ts): real one-minute candles from ../shared/data, all on one clock.
// FIL/USDT and NEAR/USDT are Binance's own August 2023 klines; BTC/USDT is a real BTC one-minute path (a perpetual,
// January 2022, from the nautilus sample) re-timed onto FIL's clock, since the folder has no spot BTC for August 2023.
import { readFileSync } from 'node:fs';
import { candleAt } from '../electron/engine/model/candle-series';
import type { EmuCandle, MarketSpec } from '../test/emulator';
import { readBinanceCsv } from '../test/support/binance-csv';
import { sharedPath } from '../test/shared-data';

export interface SoakSeries {
  symbol: string;
  candles: EmuCandle[];
  /** Where the prices come from, for the report. */
  source: string;
}

/** Binance's filters for NEARUSDT (the emulator's default catalogue has BTC, ETH and FIL only). */
export const NEAR_MARKET: MarketSpec = {
  base: 'NEAR', quote: 'USDT', tickSize: '0.001', minPrice: '0.001', maxPrice: '100000',
  stepSize: '0.1', minQty: '0.1', maxQty: '9000000', minNotional: '5', seedPrice: 1.4,
};

function binanceMonth(file: string, bars: number): EmuCandle[] {
  const s = readBinanceCsv(sharedPath('data', 'isda-binance-1m', file));
  return Array.from({ length: Math.min(bars, s.length) }, (_, i) => candleAt(s, i));
}

/** nautilus' `timestamp,open,high,low,close,volume` with ISO-ish UTC times. */
function nautilusCsv(file: string, bars: number): EmuCandle[] {
  const lines = readFileSync(sharedPath('data', 'nautilus', file), 'utf8').split('\n').filter((l) => /^[0-9]/.test(l)).slice(0, bars);
  return lines.map((line) => {
    const [ts, open, high, low, close, volume] = line.split(',');
    return { time: Date.parse(`${ts.replace(' ', 'T').slice(0, 23)}Z`), open: Number(open), high: Number(high), low: Number(low), close: Number(close), volume: Number(volume) };
  });
}

/** `candles` with FIL's open times, bar for bar (the emulator advances every market one index per step). */
function onClock(clock: readonly EmuCandle[], candles: readonly EmuCandle[]): EmuCandle[] {
  const n = Math.min(clock.length, candles.length);
  return Array.from({ length: n }, (_, i) => ({ ...candles[i], time: clock[i].time }));
}

/** At least `bars` candles per market (throws if the files are shorter). */
export function soakSeries(bars: number): SoakSeries[] {
  const fil = binanceMonth('FILUSDT-1m-2023-08.csv', bars);
  const near = binanceMonth('NEARUSDT-1m-2023-08.csv', bars);
  const btc = nautilusCsv('btc-perp-20211231-20220201_1m.csv', bars);
  const series: SoakSeries[] = [
    { symbol: 'FIL/USDT', candles: fil, source: 'FILUSDT-1m-2023-08.csv (Binance spot)' },
    { symbol: 'NEAR/USDT', candles: onClock(fil, near), source: 'NEARUSDT-1m-2023-08.csv (Binance spot)' },
    { symbol: 'BTC/USDT', candles: onClock(fil, btc), source: 'btc-perp-20211231-20220201_1m.csv (BTC perp, re-timed onto FIL\'s clock)' },
  ];
  for (const s of series) {
    if (s.candles.length < bars) throw new Error(`${s.symbol}: ${s.candles.length} candles in ${s.source}, the soak needs ${bars}`);
  }
  // NEAR's file should share FIL's minutes exactly; re-timing above would hide a gap, so say so.
  const misaligned = near.findIndex((c, i) => c.time !== fil[i].time);
  if (misaligned >= 0) series[1].source += ` (re-timed: its minute ${misaligned} differs from FIL's)`;
  return series;
}
