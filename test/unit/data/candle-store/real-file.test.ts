// A real Binance month (FILUSDT 1m, 2023-08) through the store: exact round trip and an idempotent re-import.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sliceSeries } from '../../../../electron/engine/model/candle-series';
import { tempDir } from '../../../support/temp';
import { KEY, freshStore, readBinanceCsv, sameSeries, snapshot } from './helpers';

const FILE = '/work/shared/data/isda-binance-1m/FILUSDT-1m-2023-08.csv';
const dir = tempDir();

describe.skipIf(!existsSync(FILE))('CandleStore on real data', () => {
  it('stores a month of 1m bars in a file database and reads it back bit for bit', async () => {
    const input = readBinanceCsv(FILE);
    expect(input.length).toBe(44_640);
    const { db, store } = freshStore(undefined, join(dir, 'real.db'));
    const halves = [sliceSeries(input, 20_000, input.length), sliceSeries(input, 0, 20_000)];
    expect(await store.importSeries(KEY, halves)).toEqual({ inserted: 44_640, replaced: 0, unchanged: 0, committed: true });
    expect(sameSeries(store.load(KEY), input)).toBe(true);
    const before = snapshot(db);
    expect(store.write(KEY, input)).toEqual({ inserted: 0, replaced: 0, unchanged: 44_640 });
    expect(snapshot(db)).toEqual(before);
    const day = store.load(KEY, { from: input.time[1440], to: input.time[2880] });
    expect(sameSeries(day, sliceSeries(input, 1440, 2880))).toBe(true);
    db.close();
  });
});
