// `quorum data …` end to end on a real SQLite file: import, list, gaps, export and re-import, delete, download.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BinanceEmulator } from '../../emulator';
import { hasSharedData, sharedPath } from '../../shared-data';
import { quorum } from '../../support/cli';
import { tempDir } from '../../support/temp';

const dir = tempDir();
const db = join(dir, 'cli.db');

describe.skipIf(!hasSharedData)('quorum data (real files)', () => {
  const fil = ['08', '09'].map((m) => sharedPath('data', 'isda-binance-1m', `FILUSDT-1m-2023-${m}.csv`));

  it('imports files, inferring exchange, symbol and timeframe from them', async () => {
    const r = await quorum('data', 'import', ...fil, '--db', db, '--json');
    expect(r.code).toBe(0);
    const results = JSON.parse(r.out);
    expect(results.map((x: { key: unknown }) => x.key)).toEqual([
      { exchange: 'binance', symbol: 'FIL/USDT', timeframe: '1m' },
      { exchange: 'binance', symbol: 'FIL/USDT', timeframe: '1m' },
    ]);
    expect(results[0].inserted).toBe(44_640);
  });

  it('lists the dataset with its range, rows and gaps', async () => {
    const r = await quorum('data', 'list', '--db', db, '--json');
    expect(JSON.parse(r.out)).toEqual([
      { exchange: 'binance', symbol: 'FIL/USDT', timeframe: '1m', firstTime: Date.UTC(2023, 7, 1), lastTime: Date.UTC(2023, 9, 1) - 60_000, rows: 87_840, gapRanges: 0, missingBars: 0 },
    ]);
    expect((await quorum('data', 'list', '--db', db)).out).toMatch(/binance:FIL\/USDT:1m\s+2023-08-01T00:00:00Z/);
  });

  it('exports CSV that re-imports without changing anything', async () => {
    const out = join(dir, 'fil.csv');
    expect((await quorum('data', 'export', 'binance:FIL/USDT:1m', '--format', 'csv', '--out', out, '--db', db)).code).toBe(0);
    const again = await quorum('data', 'import', out, '--exchange', 'binance', '--symbol', 'FIL/USDT', '--db', db, '--json');
    const [result] = JSON.parse(again.out);
    expect({ inserted: result.inserted, replaced: result.replaced, unchanged: result.unchanged }).toEqual({ inserted: 0, replaced: 0, unchanged: 87_840 });
  });

  it('refuses to delete without --yes, then deletes', async () => {
    const refused = await quorum('data', 'delete', 'binance:FIL/USDT:1m', '--db', db);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--yes/);
    expect((await quorum('data', 'delete', 'binance:FIL/USDT:1m', '--yes', '--db', db)).out).toMatch(/Deleted 87840 candles/);
  });
});

describe('quorum data (errors and gaps)', () => {
  it('rejects a bad file, names the line and value, exits 1 and stores nothing', async () => {
    const file = join(dir, 'broken.csv');
    writeFileSync(file, 'date,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1,2,0.5,NaN,10\n');
    const r = await quorum('data', 'import', file, '--symbol', 'X/USDT', '--timeframe', '1d', '--db', join(dir, 'bad.db'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/REJECTED/);
    expect(r.out).toMatch(/line 3: nan in close \(NaN\)/);
    expect((await quorum('data', 'list', '--db', join(dir, 'bad.db'), '--json')).out.trim()).toBe('[]');
  });

  it('lists gaps as ranges', async () => {
    const file = join(dir, 'gappy.csv');
    writeFileSync(file, 'date,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1,2,0.5,1.5,10\n2024-01-05,1,2,0.5,1.5,10\n');
    const gdb = join(dir, 'gaps.db');
    await quorum('data', 'import', file, '--symbol', 'G/USDT', '--db', gdb);
    const r = await quorum('data', 'gaps', 'local:G/USDT:1d', '--db', gdb, '--json');
    expect(JSON.parse(r.out)).toEqual([{ dataset: 'local:G/USDT:1d', gaps: [{ from: Date.UTC(2024, 0, 3), to: Date.UTC(2024, 0, 4), bars: 2 }] }]);
  });

  it('names an unknown option and shows the usage', async () => {
    const r = await quorum('data', 'import', 'x.csv', '--frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/frobnicate/);
    expect(r.err).toMatch(/usage: quorum data import/);
  });

  it('downloads from an exchange at a given URL (the local emulator)', async () => {
    const emulator = await BinanceEmulator.start({ interval: '1h', syntheticLength: 300, startIndex: 299 });
    try {
      const from = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 400 * 3_600_000;
      const r = await quorum('data', 'download', '--exchange', 'binance', '--symbol', 'BTC/USDT', '--timeframe', '1h',
        '--from', String(from), '--url', emulator.url, '--db', join(dir, 'dl.db'), '--json');
      expect(r.code).toBe(0);
      const result = JSON.parse(r.out);
      expect(result.storedBars).toBeGreaterThan(0);
      expect(result.storedBars).toBeLessThanOrEqual(300);
      const list = JSON.parse((await quorum('data', 'list', '--db', join(dir, 'dl.db'), '--json')).out);
      expect(list[0]).toMatchObject({ exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1h', rows: result.storedBars });
    } finally {
      await emulator.close();
    }
  });
});
