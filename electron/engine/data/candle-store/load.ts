// Turns the stored blocks of a range into one exact-length CandleSeries: one allocation per column, bulk copies.
import { allocateSeries, sliceSeries, type CandleSeries } from '../../model/candle-series';
import { firstAtOrAfter } from '../../model/time-search';
import { COLUMNS } from './columns';
import { decodeBlock } from './block-codec';
import type { BlockRow } from './tables';

export function assembleRange(rows: Iterable<BlockRow>, from: number, to: number, where: string): CandleSeries {
  const pieces = [...rangePieces(rows, from, to, where)];
  const out = allocateSeries(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const piece of pieces) {
    for (const c of COLUMNS) out[c].set(piece[c], at);
    at += piece.length;
  }
  return out;
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
