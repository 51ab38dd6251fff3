// Files → importers → candle store: every real file stores fully, re-imports change nothing, bad files store nothing.
import { readdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CandleStore } from '../../../electron/engine/data/candle-store';
import { importCandleFile } from '../../../electron/engine/data/import-files';
import { findGaps } from '../../../electron/engine/data/gaps';
import { openStore } from '../../../electron/engine/store/database';
import { hasSharedData, sharedPath, SHARED_SKIP_REASON } from '../../shared-data';
import { tempDir } from '../../support/temp';

const dir = tempDir();

function allDataFiles(): string[] {
  const root = sharedPath('data');
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(root, d.name)).map((f) => join(root, d.name, f)));
}

describe.skipIf(!hasSharedData)(`every file under ../shared/data (${hasSharedData ? 'present' : SHARED_SKIP_REASON})`, () => {
  const { db } = openStore(join(dir, 'all.db'));
  const store = new CandleStore(db);
  afterAll(() => db.close());

  it('imports each file completely, and a second import changes nothing', async () => {
    const files = allDataFiles();
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) {
      const first = await importCandleFile(store, file);
      expect(first.committed, file).toBe(true);
      expect(first.report.problems, file).toEqual([]);
      expect(first.inserted + first.replaced + first.unchanged, file).toBe(first.report.rowsRead);
    }
    const before = store.list();
    for (const file of files) {
      const again = await importCandleFile(store, file);
      expect({ inserted: again.inserted, replaced: again.replaced }, file).toEqual({ inserted: 0, replaced: 0 });
    }
    expect(store.list()).toEqual(before);
  });

  it('merges the seven FILUSDT months into one series whose only gap is the missing July', () => {
    const months = readdirSync(sharedPath('data', 'isda-binance-1m')).filter((f) => f.startsWith('FILUSDT'));
    const expectedRows = months.reduce((n, f) => n + readFileSync(sharedPath('data', 'isda-binance-1m', f), 'utf8').trim().split('\n').length - 1, 0);
    const key = { exchange: 'binance', symbol: 'FIL/USDT', timeframe: '1m' } as const;
    expect(store.count(key)).toBe(expectedRows);
    const gaps = findGaps(store.load(key).time, '1m');
    expect(gaps).toEqual([{ from: Date.UTC(2023, 6, 1), to: Date.UTC(2023, 7, 1) - 60_000, bars: 31 * 1440 }]);
  });
});

describe('import policies', () => {
  const good = [
    'time,open,high,low,close,volume',
    '2024-01-01T00:00:00Z,10,11,9,10.5,100',
    '2024-01-01T00:01:00Z,10.5,12,10,11,100',
    '2024-01-01T00:02:00Z,11,11.5,10.5,11.2,100',
    '2024-01-01T00:03:00Z,11.2,11.4,11,11.1,100',
  ];
  const bad = [...good];
  bad[3] = '2024-01-01T00:02:00Z,11,10,12,11.2,100'; // high below low on line 4

  it('stores nothing from a bad file under the default reject policy, and names the line', async () => {
    const { db } = openStore(join(dir, 'reject.db'));
    const store = new CandleStore(db);
    const file = join(dir, 'bad.csv');
    writeFileSync(file, bad.join('\n'));
    const result = await importCandleFile(store, file, { symbol: 'TEST/USDT', timeframe: '1m' });
    expect(result.committed).toBe(false);
    expect(result.report.problems[0]).toMatchObject({ line: 4, kind: 'high-below-low' });
    expect(store.list()).toEqual([]);
    db.close();
  });

  it('stores every good row and skips the bad one under --on-error skip', async () => {
    const { db } = openStore(join(dir, 'skip.db'));
    const store = new CandleStore(db);
    const file = join(dir, 'bad-skip.csv');
    writeFileSync(file, bad.join('\n'));
    const result = await importCandleFile(store, file, { symbol: 'TEST/USDT', timeframe: '1m', onError: 'skip' });
    expect(result.committed).toBe(true);
    expect(result.inserted).toBe(3);
    expect(store.count({ exchange: 'local', symbol: 'TEST/USDT', timeframe: '1m' })).toBe(3);
    db.close();
  });

  it('merges an overlapping newer file by time, newer values winning', async () => {
    const { db } = openStore(join(dir, 'merge.db'));
    const store = new CandleStore(db);
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    writeFileSync(a, good.slice(0, 4).join('\n'));
    writeFileSync(b, [good[0], good[3].replace('11.2,100', '11.3,100'), good[4]].join('\n'));
    await importCandleFile(store, a, { symbol: 'M', timeframe: '1m' });
    const second = await importCandleFile(store, b, { symbol: 'M', timeframe: '1m' });
    expect({ inserted: second.inserted, replaced: second.replaced }).toEqual({ inserted: 1, replaced: 1 });
    const series = store.load({ exchange: 'local', symbol: 'M', timeframe: '1m' });
    expect(series.length).toBe(4);
    expect(series.close[2]).toBe(11.3);
    expect(readFileSync(a, 'utf8')).toContain('11.2');
    db.close();
  });
});
