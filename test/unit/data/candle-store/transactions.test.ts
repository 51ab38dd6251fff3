// Atomic imports: a rejected or failed import leaves the database exactly as it was; commits land whole.
import { describe, expect, it } from 'vitest';
import type { CandleSeries } from '../../../../electron/engine/model/candle-series';
import { KEY, barsOf, freshStore, seriesOf, snapshot, synthBars } from './helpers';

async function* slowly(batches: CandleSeries[], failAt = -1): AsyncGenerator<CandleSeries> {
  for (let i = 0; i < batches.length; i++) {
    await new Promise((r) => setTimeout(r, 1));
    if (i === failAt) throw new Error('disk went away');
    yield batches[i];
  }
}

function chunks(n: number, size: number, t0?: number): CandleSeries[] {
  const bars = synthBars(n, t0);
  const out: CandleSeries[] = [];
  for (let i = 0; i < n; i += size) out.push(seriesOf(bars.slice(i, i + size)));
  return out;
}

describe('CandleStore.importSeries', () => {
  it('writes all batches in one go and reports the counts', async () => {
    const { store } = freshStore({ blockBars: 50 });
    const result = await store.importSeries(KEY, slowly(chunks(300, 70)), { shouldCommit: () => true });
    expect(result).toEqual({ inserted: 300, replaced: 0, unchanged: 0, committed: true });
    expect(barsOf(store.load(KEY))).toEqual(synthBars(300));
    const again = await store.importSeries(KEY, slowly(chunks(300, 70)));
    expect(again).toEqual({ inserted: 0, replaced: 0, unchanged: 300, committed: true });
  });

  it('leaves the database untouched when shouldCommit() says no', async () => {
    const { db, store } = freshStore({ blockBars: 50 });
    store.write(KEY, seriesOf(synthBars(120)));
    const before = snapshot(db);
    const result = await store.importSeries(KEY, slowly(chunks(300, 70, 1_600_000_000_000)), { shouldCommit: () => false });
    expect(result.committed).toBe(false);
    expect(snapshot(db)).toEqual(before);
  });

  it('stores nothing when reading the file fails half way', async () => {
    const { db, store } = freshStore({ blockBars: 50 });
    const before = snapshot(db);
    await expect(store.importSeries(KEY, slowly(chunks(300, 70), 3))).rejects.toThrow('disk went away');
    expect(snapshot(db)).toEqual(before);
  });

  it('does not swallow writes other code makes on the same connection while an import is pending', async () => {
    const { db, store } = freshStore();
    const pending = store.importSeries(KEY, slowly(chunks(100, 10)), { shouldCommit: () => false });
    await new Promise((r) => setTimeout(r, 3));
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('x', '1', 0)").run();
    await pending;
    expect(db.prepare("SELECT value FROM settings WHERE key = 'x'").pluck().get()).toBe('1');
  });
});

describe('CandleStore.transaction', () => {
  it('rolls back every write in it when the callback throws', () => {
    const { db, store } = freshStore({ blockBars: 20 });
    store.write(KEY, seriesOf(synthBars(30)));
    const before = snapshot(db);
    expect(() => store.transaction(() => {
      store.write(KEY, seriesOf(synthBars(50, undefined, 7)));
      store.write({ ...KEY, symbol: 'NEARUSDT' }, seriesOf(synthBars(10)));
      throw new Error('reject');
    })).toThrow('reject');
    expect(snapshot(db)).toEqual(before);
  });

  it('commits every write in it together', () => {
    const { store } = freshStore();
    const counts = store.transaction(() => [
      store.write(KEY, seriesOf(synthBars(10))),
      store.write(KEY, seriesOf(synthBars(20))),
    ]);
    expect(counts).toEqual([{ inserted: 10, replaced: 0, unchanged: 0 }, { inserted: 10, replaced: 0, unchanged: 10 }]);
    expect(store.count(KEY)).toBe(20);
  });
});
