// Property: random bars written in random overlapping chunks, in random order, load back as the union by time, last write winning.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WriteCounts } from '../../../../electron/engine/data/candle-store';
import { KEY, MIN, barsOf, freshStore, seriesOf, type Bar } from './helpers';

const T0 = 1_690_848_000_000;
// A few fixed values make equal bars (the "unchanged" case) likely; random doubles make replacements likely.
const price = fc.oneof(fc.constantFrom(0.00002853, 4.255, 1, 0), fc.double({ min: -1e15, max: 1e15, noNaN: true }));
const bar = (slot: number) => fc.record({ open: price, high: price, low: price, close: price, volume: price }).map((v): Bar => ({ time: T0 + slot * MIN, ...v }));
/** One write: a set of distinct minute slots (a batch is strictly increasing), each with random values. */
const chunk = fc.uniqueArray(fc.integer({ min: -40, max: 160 }), { maxLength: 60 })
  .chain((slots) => fc.tuple(...slots.sort((a, b) => a - b).map(bar)));

function expectedCounts(model: Map<number, Bar>, bars: Bar[]): WriteCounts {
  const counts = { inserted: 0, replaced: 0, unchanged: 0 };
  for (const b of bars) {
    const old = model.get(b.time);
    if (!old) counts.inserted++;
    else if (Object.is(old.open, b.open) && Object.is(old.high, b.high) && Object.is(old.low, b.low)
      && Object.is(old.close, b.close) && Object.is(old.volume, b.volume)) counts.unchanged++;
    else counts.replaced++;
  }
  return counts;
}

describe('CandleStore merge property', () => {
  it('load() equals the union of all writes sorted by time, last write winning, with exact counts', () => {
    fc.assert(fc.property(fc.array(chunk, { maxLength: 8 }), fc.integer({ min: 1, max: 40 }), (writes, blockBars) => {
      const { db, store } = freshStore({ blockBars });
      const model = new Map<number, Bar>();
      for (const bars of writes) {
        expect(store.write(KEY, seriesOf(bars))).toEqual(expectedCounts(model, bars));
        for (const b of bars) model.set(b.time, b);
      }
      const expected = [...model.values()].sort((a, b) => a.time - b.time);
      expect(barsOf(store.load(KEY))).toEqual(expected);
      expect(store.count(KEY)).toBe(expected.length);
      db.close();
    }), { numRuns: 150 });
  });

  it('one import of out-of-order chunks equals the same chunks written one by one', async () => {
    await fc.assert(fc.asyncProperty(fc.array(chunk, { maxLength: 6 }), fc.integer({ min: 1, max: 40 }), async (writes, blockBars) => {
      const one = freshStore({ blockBars });
      const many = freshStore({ blockBars });
      await one.store.importSeries(KEY, writes.map(seriesOf));
      for (const bars of writes) many.store.write(KEY, seriesOf(bars));
      expect(barsOf(one.store.load(KEY))).toEqual(barsOf(many.store.load(KEY)));
      expect(one.store.list()).toEqual(many.store.list());
      one.db.close();
      many.db.close();
    }), { numRuns: 100 });
  });
});
