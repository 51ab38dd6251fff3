// Writes a stored series as CSV (open time in epoch ms, OHLCV), streamed so large series do not build one big string.
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { CandleSeries } from '../model/candle-series';

export const CSV_HEADER = 'time,open,high,low,close,volume';

/** Shortest round-trip text for each number, so a re-import gives back the same doubles. */
export async function writeSeriesCsv(series: CandleSeries, out: Writable): Promise<number> {
  const write = (chunk: string) => new Promise<void>((resolve, reject) => {
    if (out.write(chunk)) resolve();
    else {
      out.once('drain', resolve);
      out.once('error', reject);
    }
  });
  await write(CSV_HEADER + '\n');
  const CHUNK = 10_000;
  for (let start = 0; start < series.length; start += CHUNK) {
    let text = '';
    const end = Math.min(series.length, start + CHUNK);
    for (let i = start; i < end; i++) {
      text += `${series.time[i]},${series.open[i]},${series.high[i]},${series.low[i]},${series.close[i]},${series.volume[i]}\n`;
    }
    await write(text);
  }
  return series.length;
}

export async function exportSeriesCsv(series: CandleSeries, path: string): Promise<number> {
  const out = createWriteStream(path);
  const rows = await writeSeriesCsv(series, out);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return rows;
}
