// Block blob format: an 8-byte header (format version, row count) then six Float64 columns, stored as raw bytes.
import { endianness } from 'node:os';
import type { CandleSeries } from '../../model/candle-series';
import { StorageError } from '../../errors';
import { COLUMNS } from './columns';

export const BLOCK_FORMAT_VERSION = 1;
/** 8 bytes keeps every column 8-byte aligned relative to the blob start, so a view needs no copy. */
const HEADER_BYTES = 8;
const BYTES_PER_ROW = 8 * COLUMNS.length;

// Columns are written in native byte order for zero-cost load; every platform we ship on is little-endian.
if (endianness() !== 'LE') {
  throw new StorageError('The candle store needs a little-endian CPU', 'STORAGE_UNSUPPORTED_PLATFORM');
}

export function blockBytes(rows: number): number {
  return HEADER_BYTES + rows * BYTES_PER_ROW;
}

export function encodeBlock(s: CandleSeries): Buffer {
  const n = s.length;
  const ab = new ArrayBuffer(blockBytes(n));
  const header = new DataView(ab, 0, HEADER_BYTES);
  header.setUint32(0, BLOCK_FORMAT_VERSION, true);
  header.setUint32(4, n, true);
  COLUMNS.forEach((c, k) => new Float64Array(ab, HEADER_BYTES + k * n * 8, n).set(s[c].subarray(0, n)));
  return Buffer.from(ab);
}

/** Views over the blob (copied once first if SQLite handed us bytes at an offset Float64Array cannot view). */
export function decodeBlock(blob: Uint8Array, where: string): CandleSeries {
  const n = readHeader(blob, where);
  const bytes = blob.byteOffset % 8 === 0 ? blob : blob.slice();
  const col = (k: number) => new Float64Array(bytes.buffer, bytes.byteOffset + HEADER_BYTES + k * n * 8, n);
  return { length: n, time: col(0), open: col(1), high: col(2), low: col(3), close: col(4), volume: col(5) };
}

function readHeader(blob: Uint8Array, where: string): number {
  if (blob.byteLength < HEADER_BYTES) throw corrupt(where, 'shorter than its header');
  const header = new DataView(blob.buffer, blob.byteOffset, HEADER_BYTES);
  const version = header.getUint32(0, true);
  if (version !== BLOCK_FORMAT_VERSION) throw corrupt(where, `format version ${version}, expected ${BLOCK_FORMAT_VERSION}`);
  const n = header.getUint32(4, true);
  if (blob.byteLength !== blockBytes(n)) throw corrupt(where, `${blob.byteLength} bytes for ${n} rows`);
  return n;
}

function corrupt(where: string, why: string): StorageError {
  return new StorageError(`Candle block ${where} is corrupt: ${why}`, 'STORAGE_BLOCK_CORRUPT', { value: where });
}
