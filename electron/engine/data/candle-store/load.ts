// Turns the stored blocks of a range into one CandleSeries: one allocation per column, bulk copies.
import { allocateSeries, sliceSeries, type CandleSeries } from '../../model/candle-series';
import { firstAtOrAfter } from '../../model/time-search';
import { StorageError } from '../../errors';
import { COLUMNS } from './columns';
import { decodeBlock } from './block-codec';
import type { BlockRow } from './tables';

/**
 * Copies each block's bars in [from, to) into columns of `capacity` (the overlapping blocks' row count) as SQLite hands
 * the blocks over, so only one block is decoded at a time: five years of 1m are one 126 MB series, not two. When the
 * range cuts an edge block the result views the first bars of those columns.
 */
export function assembleRange(rows: Iterable<BlockRow>, capacity: number, from: number, to: number, where: string): CandleSeries {
  const out = allocateSeries(capacity);
  let at = 0;
  for (const piece of rangePieces(rows, from, to, where)) {
    if (at + piece.length > capacity) throw new StorageError(`Candle blocks of ${where} hold more bars than their row counts say`, 'STORAGE_BLOCK_CORRUPT', { value: where });
    for (const c of COLUMNS) out[c].set(piece[c], at);
    at += piece.length;
  }
  return at === capacity ? out : sliceSeries(out, 0, at);
}

/** Each block's bars inside [from, to), as views on the block (no copy), in time order. */
export function* rangePieces(rows: Iterable<BlockRow>, from: number, to: number, where: string): Generator<CandleSeries> {
  for (const row of rows) {
    const block = decodeBlock(row.data, `${where}@${row.block_start}`);
    // Only the edge blocks of a range are cut; whole blocks skip the searches.
    const lo = block.time[0] >= from ? 0 : firstAtOrAfter(block.time, from);
    const hi = block.time[block.length - 1] < to ? block.length : firstAtOrAfter(block.time, to, lo);
    if (hi > lo) yield lo === 0 && hi === block.length ? block : sliceSeries(block, lo, hi);
  }
}
