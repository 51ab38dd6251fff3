// Test helpers for the data importers: drain a reader into one series, count rows independently.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { allocateSeries, type CandleSeries } from '../../../electron/engine/model/candle-series';
import { readCandleFile, type ImportOptions, type ImportReport, type CandleFileReader } from '../../../electron/engine/data/importers/index';

export interface Drained {
  reader: CandleFileReader;
  series: CandleSeries;
  report: ImportReport;
  batchLengths: number[];
}

export async function drain(path: string, options?: ImportOptions): Promise<Drained> {
  const reader = await readCandleFile(path, options);
  const batches: CandleSeries[] = [];
  for await (const b of reader.batches()) batches.push(b);
  const total = batches.reduce((n, b) => n + b.length, 0);
  const series = allocateSeries(total);
  let at = 0;
  for (const b of batches) {
    for (const k of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) series[k].set(b[k], at);
    at += b.length;
  }
  return { reader, series, report: reader.report(), batchLengths: batches.map((b) => b.length) };
}

/** Row count without the importer: data lines of a CSV, or elements of a JSON array. */
export function countRows(path: string): number {
  const raw = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  if (path.includes('.json')) return (JSON.parse(text) as unknown[]).length;
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return /^[0-9]/.test(lines[0]) ? lines.length : lines.length - 1;
}

/** Parsed JSON rows (freqtrade shape) for exact value comparisons. */
export function jsonRows(path: string): unknown[][] {
  const raw = readFileSync(path);
  return JSON.parse((path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8')) as unknown[][];
}
