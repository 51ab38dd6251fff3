// CandleStore: exact round trips, idempotent re-writes, merges by time, ranges, listing, counting and deleting.
import { describe, expect, it } from 'vitest';
import { CandleStore } from '../../../../electron/engine/data/candle-store';
import { DataError, StorageError } from '../../../../electron/engine/errors';
import { KEY, MIN, barsOf, freshStore, sameSeries, seriesOf, snapshot, synthBars } from './helpers';

describe('CandleStore write and load', () => {
  it('round-trips bars bit for bit, tiny prices and huge volumes included', () => {
    const { store } = freshStore();
    const bars = synthBars(1000);
    bars[3] = { ...bars[3], open: 0.00002853, volume: 123456789012.3457 };
    bars[4] = { ...bars[4], close: Number.MIN_VALUE, volume: Number.MAX_VALUE };
    const input = seriesOf(bars);
    expect(store.write(KEY, input)).toEqual({ inserted: 1000, replaced: 0, unchanged: 0 });
    const out = store.load(KEY);
    expect(sameSeries(out, input)).toBe(true);
    expect(out.time.length).toBe(1000);
    expect(out.time.byteOffset).toBe(0);
  });

  it('changes nothing when the same data is written again', () => {
    const { db, store } = freshStore({ blockBars: 64 });
    const input = seriesOf(synthBars(500));
    store.write(KEY, input);
    const before = snapshot(db);
    expect(store.write(KEY, input)).toEqual({ inserted: 0, replaced: 0, unchanged: 500 });
    expect(snapshot(db)).toEqual(before);
  });

  it('merges overlapping writes by time, the newer values winning', () => {
    const { store } = freshStore({ blockBars: 16 });
    const a = synthBars(40);
    const b = synthBars(40, a[20].time, 99);
    store.write(KEY, seriesOf(a));
    expect(store.write(KEY, seriesOf(b))).toEqual({ inserted: 20, replaced: 20, unchanged: 0 });
    expect(barsOf(store.load(KEY))).toEqual([...a.slice(0, 20), ...b]);
    expect(store.count(KEY)).toBe(60);
  });

  it('accepts batches in any time order across calls', () => {
    const { store } = freshStore({ blockBars: 10 });
    const bars = synthBars(100);
    for (const [from, to] of [[60, 100], [0, 25], [25, 60]]) store.write(KEY, seriesOf(bars.slice(from, to)));
    expect(barsOf(store.load(KEY))).toEqual(bars);
  });

  it('rejects a batch whose times are not strictly increasing', () => {
    const { store } = freshStore();
    const bars = synthBars(3);
    bars[2] = { ...bars[2], time: bars[1].time };
    expect(() => store.write(KEY, seriesOf(bars))).toThrow(DataError);
    expect(store.count(KEY)).toBe(0);
  });

  it('loads half-open ranges [from, to), across and inside blocks', () => {
    const { store } = freshStore({ blockBars: 32 });
    const bars = synthBars(300);
    store.write(KEY, seriesOf(bars));
    const t = (i: number) => bars[0].time + i * MIN;
    expect(barsOf(store.load(KEY, { from: t(10), to: t(250) }))).toEqual(bars.slice(10, 250));
    expect(barsOf(store.load(KEY, { from: t(33), to: t(40) }))).toEqual(bars.slice(33, 40));
    expect(barsOf(store.load(KEY, { from: t(10) + 1 }))).toEqual(bars.slice(11));
    expect(barsOf(store.load(KEY, { to: t(64) }))).toEqual(bars.slice(0, 64));
    expect(store.load(KEY, { from: t(500) }).length).toBe(0);
    expect(store.load(KEY, { from: t(5), to: t(5) }).length).toBe(0);
    expect(store.load({ ...KEY, symbol: 'NOPE' }).length).toBe(0);
  });

  it('keeps a long series in many blocks and reads it back whole', () => {
    const { db, store } = freshStore();
    const bars = synthBars(200_000);
    store.write(KEY, seriesOf(bars));
    const blocks = db.prepare('SELECT COUNT(*) FROM candle_blocks').pluck().get() as number;
    expect(blocks).toBeGreaterThanOrEqual(Math.floor(200_000 / 32_768));
    expect(sameSeries(store.load(KEY), seriesOf(bars))).toBe(true);
    expect(store.list()).toEqual([{ ...KEY, firstTime: bars[0].time, lastTime: bars[199_999].time, rows: 200_000 }]);
  });
});

describe('CandleStore catalogue', () => {
  it('lists, counts and deletes series', () => {
    const { db, store } = freshStore();
    const eth = { exchange: 'binance', symbol: 'ETHUSDT', timeframe: '1h' } as const;
    store.write(KEY, seriesOf(synthBars(10)));
    store.write(eth, seriesOf(synthBars(5, 1_700_000_000_000)));
    expect(store.list().map((s) => [s.symbol, s.timeframe, s.rows])).toEqual([['ETHUSDT', '1h', 5], ['FILUSDT', '1m', 10]]);
    expect(store.count(eth)).toBe(5);
    expect(store.delete(eth)).toBe(5);
    expect(store.delete(eth)).toBe(0);
    expect(store.count(eth)).toBe(0);
    expect(store.list().map((s) => s.symbol)).toEqual(['FILUSDT']);
    expect(db.prepare('SELECT COUNT(*) FROM candle_blocks').pluck().get()).toBe(1);
  });

  it('ensureInstrument creates once and fills in fields given later', () => {
    const { db, store } = freshStore();
    const id = store.ensureInstrument({ exchange: 'binance', symbol: 'FILUSDT', base: 'FIL' });
    expect(store.ensureInstrument({ exchange: 'binance', symbol: 'FILUSDT', quote: 'USDT', priceStep: 0.001 })).toBe(id);
    store.write(KEY, seriesOf(synthBars(2)));
    const row = db.prepare('SELECT base, quote, price_step FROM instruments WHERE id = ?').get(id);
    expect(row).toEqual({ base: 'FIL', quote: 'USDT', price_step: 0.001 });
  });

  it('refuses to write into a series stored with another block size', () => {
    const small = freshStore({ blockBars: 8 });
    small.store.write(KEY, seriesOf(synthBars(20)));
    const other = new CandleStore(small.db, { blockBars: 32 });
    expect(() => other.write(KEY, seriesOf(synthBars(3, 1_800_000_000_000)))).toThrow(StorageError);
  });
});
