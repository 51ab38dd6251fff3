// Turns the stored blocks of a range into one exact-length CandleSeries: one allocation per column, bulk copies.
import { allocateSeries, type CandleSeries } from '../../model/candle-series';
import { firstAtOrAfter } from '../../model/time-search';
import { COLUMNS } from './columns';
import { decodeBlock } from './block-codec';
import type { BlockRow } from './tables';

interface Piece {
  block: CandleSeries;
  lo: number;
  hi: number;
}

export function assembleRange(rows: readonly BlockRow[], from: number, to: number, where: string): CandleSeries {
  const pieces: Piece[] = [];
  let total = 0;
  for (const row of rows) {
    const block = decodeBlock(row.data, `${where}@${row.block_start}`);
    // Only the edge blocks of a range are cut; whole blocks skip the searches.
    const lo = block.time[0] >= from ? 0 : firstAtOrAfter(block.time, from);
    const hi = block.time[block.length - 1] < to ? block.length : firstAtOrAfter(block.time, to, lo);
    if (hi > lo) {
      pieces.push({ block, lo, hi });
      total += hi - lo;
    }
  }
  const out = allocateSeries(total);
  let at = 0;
  for (const { block, lo, hi } of pieces) {
    for (const c of COLUMNS) out[c].set(block[c].subarray(lo, hi), at);
    at += hi - lo;
  }
  return out;
}
