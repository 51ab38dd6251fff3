// Years of one-minute candles for the scale benchmark: a seeded random walk written in Binance's kline CSV layout
// (12 columns, no header), so the import path is the one a trader's downloaded files take.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mulberry32 } from '../test/emulator/candles';

export const MINUTE = 60_000;
/** 2023-01-01T00:00:00Z: a year of 1m bars is 525,600 rows (2023 is not a leap year). */
export const SCALE_START = Date.UTC(2023, 0, 1);

/** Writes `rows` 1m candles from SCALE_START to `file`; the same seed always gives the same file. */
export async function writeScaleCsv(file: string, rows: number, seed = 7): Promise<void> {
  const next = mulberry32(seed);
  const out = createWriteStream(file);
  let price = 20_000;
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const open = price;
    // Volatility regimes every few days, so the panel's regime reader sees trends, ranges and storms.
    const vol = 0.0006 * (1 + 2 * Math.abs(Math.sin(i / 5_000)));
    const drift = 0.00004 * Math.sin(i / 20_000);
    const close = open * (1 + drift + (next() - 0.5) * 2 * vol);
    const high = Math.max(open, close) * (1 + next() * vol);
    const low = Math.min(open, close) * (1 - next() * vol);
    const volume = 5 + next() * 50;
    price = close;
    const t = SCALE_START + i * MINUTE;
    chunk += `${t},${open.toFixed(2)},${high.toFixed(2)},${low.toFixed(2)},${close.toFixed(2)},${volume.toFixed(4)},${t + MINUTE - 1},${(volume * close).toFixed(2)},${100 + (i % 50)},${(volume / 2).toFixed(4)},${(volume * close / 2).toFixed(2)},0\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, rows] = process.argv.slice(2);
  await writeScaleCsv(file, Number(rows ?? 525_600));
}
