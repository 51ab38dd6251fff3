// Formats are recognised by content (not by name), including inside .zip and .gz, with µs and odd layouts.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError } from '../../../electron/engine/errors';
import { detectFormat, readCandleFile } from '../../../electron/engine/data/importers/index';
import { hasSharedData, sharedPath } from '../../shared-data';
import { drain } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'quorum-detect-'));
const fixture = (name: string) => join(__dirname, '../../fixtures/data', name);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function headLines(path: string, n: number): string {
  return readFileSync(path, 'utf8').split('\n').slice(0, n).join('\n') + '\n';
}

describe.skipIf(!hasSharedData)('detection by content on real files', () => {
  const binance = sharedPath('data', 'isda-binance-1m', 'FILUSDT-1m-2023-08.csv');

  it('finds a Binance CSV behind a misleading name', async () => {
    const p = join(dir, 'data.txt');
    writeFileSync(p, headLines(binance, 50));
    expect(await detectFormat(p)).toBe('binance-csv');
    const { report, reader } = await drain(p);
    expect(report.rowsValid).toBe(49);
    expect(reader.meta.exchange).toBe('binance');
  });

  it('finds freqtrade JSON named .csv and headerless Binance rows named .json', async () => {
    const ft = join(dir, 'prices.csv');
    copyFileSync(sharedPath('data', 'freqtrade', 'XRP_ETH-5m.json'), ft);
    expect(await detectFormat(ft)).toBe('freqtrade-json');
    const bn = join(dir, 'rows.json');
    copyFileSync(sharedPath('data', 'nautilus', 'ADABTC-1m-2021-11-27.csv'), bn);
    expect(await detectFormat(bn)).toBe('binance-csv');
    expect((await drain(bn)).report.rowsValid).toBe(10);
  });

  it('imports a Binance CSV inside a .zip, taking the symbol from the entry name', async () => {
    const p = join(dir, 'archive.zip');
    writeFileSync(p, zipSync({ 'FILUSDT-1m-2023-08.csv': readFileSync(binance) }));
    expect(await detectFormat(p)).toBe('binance-csv');
    const { report, reader, batchLengths } = await drain(p, { batchSize: 10_000 });
    expect(reader.meta).toMatchObject({ symbol: 'FIL/USDT', timeframe: '1m', compression: 'zip' });
    expect(report.rowsValid).toBe(44_640);
    expect(report.problems).toEqual([]);
    expect(batchLengths).toEqual([10_000, 10_000, 10_000, 10_000, 4_640]);
  });

  it('imports a gzipped CSV and a gzipped object JSON', async () => {
    const p = join(dir, 'x.bin');
    writeFileSync(p, gzipSync(readFileSync(sharedPath('data', 'trading-signals', 'one_day_in_minutes.json'))));
    expect(await detectFormat(p)).toBe('object-json');
    expect((await drain(p)).report.rowsValid).toBe(1440);
  });
});

describe('detection and parsing of hand-made fixtures', () => {
  it('converts microsecond open times (Binance since 2025) to ms', async () => {
    const { series, report, reader } = await drain(fixture('binance-2025-us.csv'));
    expect(reader.format).toBe('binance-csv');
    expect(Array.from(series.time)).toEqual([1735689600000, 1735689660000, 1735689720000, 1735689840000]);
    expect(reader.meta.timeframe).toBe('1m');
    expect(report.gaps).toEqual([{ from: 1735689780000, to: 1735689780000, bars: 1 }]);
  });

  it('reads separate Date and Time columns with a semicolon delimiter', async () => {
    const { series, reader } = await drain(fixture('date-time-columns.csv'));
    expect(reader.format).toBe('generic-csv');
    expect(reader.meta.timeframe).toBe('15m');
    expect(Array.from(series.time)).toEqual([0, 15, 30].map((m) => Date.UTC(2024, 2, 1, 0, m)));
    expect(Array.from(series.volume)).toEqual([100, 0, 250.5]);
  });

  it('reads objects with ISO times, mixed string/number prices and a missing volume', async () => {
    const { series, reader, report } = await drain(fixture('objects-iso-4h.json'));
    expect(reader.meta).toMatchObject({ symbol: 'SOL/EUR', timeframe: '4h' });
    expect(Array.from(series.open)).toEqual([1.5, 1.55]);
    expect(Array.from(series.volume)).toEqual([10, 0]);
    expect(report.gaps).toEqual([]);
  });

  it('accepts epoch seconds and timezone offsets in a generic CSV', async () => {
    const p = join(dir, 'epoch.csv');
    writeFileSync(p, 'timestamp,open,high,low,close\n1700000000,1,2,0.5,1.5\n"2023-11-14T22:14:20+01:00",1,2,0.5,1.5\n');
    const { series, report } = await drain(p, { onError: 'skip' });
    expect(series.time[0]).toBe(1_700_000_000_000);
    expect(report.problems[0]).toMatchObject({ line: 3, kind: 'out-of-order' }); // 21:14:20Z is earlier
  });

  it('rejects files that are no candle format with a DataError', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'name,age\nbob,3\n');
    await expect(detectFormat(bad)).rejects.toBeInstanceOf(DataError);
    const bin = join(dir, 'bin.csv');
    writeFileSync(bin, Buffer.from([1, 0, 2, 0, 3]));
    await expect(readCandleFile(bin)).rejects.toBeInstanceOf(DataError);
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '   ');
    await expect(detectFormat(empty)).rejects.toThrow(/empty/);
  });

  it('reports a truncated JSON file', async () => {
    const p = join(dir, 'cut.json');
    writeFileSync(p, '[[1600000000000,1,2,0.5,1.5,3],\n[1600000060000,1,2,0.5,1.5,3],\n[1600000120000,1,2');
    const { report } = await drain(p, { onError: 'skip' });
    expect(report.rowsValid).toBe(2);
    expect(report.problems[0]).toMatchObject({ kind: 'unparseable', line: 3 });
  });
});
