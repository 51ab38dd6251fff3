// Test helpers for the candle store: stores on fresh databases, series from bar lists, raw table snapshots.
import type { Database } from 'better-sqlite3';
import type { Candle } from '../../../../shared/domain';
import { openStore } from '../../../../electron/engine/store/database';
import { CandleStore, type CandleStoreOptions, type SeriesKey } from '../../../../electron/engine/data/candle-store';
import { seriesFromCandles, type CandleSeries } from '../../../../electron/engine/model/candle-series';

export const KEY: SeriesKey = { exchange: 'binance', symbol: 'FILUSDT', timeframe: '1m' };
export const MIN = 60_000;

export type Bar = Candle;

export function freshStore(options?: CandleStoreOptions, path = ':memory:'): { db: Database; store: CandleStore } {
  const { db } = openStore(path);
  return { db, store: new CandleStore(db, options) };
}

export function seriesOf(bars: readonly Bar[]): CandleSeries {
  return seriesFromCandles(bars);
}

export function barsOf(s: CandleSeries): Bar[] {
  return Array.from({ length: s.length }, (_, i) => ({
    time: s.time[i], open: s.open[i], high: s.high[i], low: s.low[i], close: s.close[i], volume: s.volume[i],
  }));
}

/** Deterministic bars every minute from t0, with values that exercise full double precision. */
export function synthBars(n: number, t0 = 1_690_848_000_000, salt = 0): Bar[] {
  return Array.from({ length: n }, (_, i) => {
    const p = 0.00002853 * (1 + Math.sin(i + salt) / 7);
    return { time: t0 + i * MIN, open: p, high: p * 1.01, low: p * 0.99, close: p + 1e-9 * i, volume: 1.7e12 + i / 3 };
  });
}

/** Everything the store owns, with blobs as hex, to prove "nothing changed" byte for byte. */
export function snapshot(db: Database): unknown {
  return {
    instruments: db.prepare('SELECT * FROM instruments ORDER BY id').all(),
    series: db.prepare('SELECT * FROM candle_series ORDER BY id').all(),
    blocks: db.prepare("SELECT series_id, block_start, rows, first_time, last_time, hex(data) AS data FROM candle_blocks ORDER BY series_id, block_start").all(),
  };
}

export { readBinanceCsv } from '../../../support/binance-csv';

/** Bit-level equality of every column: stricter than toEqual, which would let -0 pass for 0. */
export function sameSeries(a: CandleSeries, b: CandleSeries): boolean {
  if (a.length !== b.length) return false;
  for (const c of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
    const x = new Uint8Array(a[c].buffer, a[c].byteOffset, a.length * 8);
    const y = new Uint8Array(b[c].buffer, b[c].byteOffset, b.length * 8);
    if (Buffer.compare(x, y) !== 0) return false;
  }
  return true;
}
