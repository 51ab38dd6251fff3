// Block blobs: exact encoding, loading from misaligned bytes, and refusing corrupt or foreign blobs.
import { describe, expect, it } from 'vitest';
import { StorageError } from '../../../../electron/engine/errors';
import { BLOCK_FORMAT_VERSION } from '../../../../electron/engine/data/candle-store';
import { blockBytes, decodeBlock, encodeBlock } from '../../../../electron/engine/data/candle-store/block-codec';
import { sameSeries, seriesOf, synthBars } from './helpers';

describe('block codec', () => {
  it('writes a header then six Float64 columns, and reads them back exactly', () => {
    const s = seriesOf(synthBars(5));
    const blob = encodeBlock(s);
    expect(blob.byteLength).toBe(blockBytes(5));
    expect(blob.readUInt32LE(0)).toBe(BLOCK_FORMAT_VERSION);
    expect(blob.readUInt32LE(4)).toBe(5);
    expect(blob.readDoubleLE(8 + 5 * 8)).toBe(s.open[0]);
    expect(sameSeries(decodeBlock(blob, 'test'), s)).toBe(true);
  });

  it('decodes bytes that sit at an odd offset by copying them first', () => {
    const s = seriesOf(synthBars(7));
    const blob = encodeBlock(s);
    const host = new Uint8Array(blob.byteLength + 3);
    host.set(blob, 3);
    const odd = host.subarray(3);
    expect(odd.byteOffset % 8).not.toBe(0);
    expect(sameSeries(decodeBlock(odd, 'test'), s)).toBe(true);
  });

  it('decodes an empty block', () => {
    expect(decodeBlock(encodeBlock(seriesOf([])), 'test').length).toBe(0);
  });

  it('refuses truncated blobs and unknown format versions', () => {
    const blob = encodeBlock(seriesOf(synthBars(3)));
    expect(() => decodeBlock(blob.subarray(0, blob.length - 8), 'x')).toThrow(StorageError);
    expect(() => decodeBlock(blob.subarray(0, 4), 'x')).toThrow(StorageError);
    const future = Buffer.from(blob);
    future.writeUInt32LE(99, 0);
    expect(() => decodeBlock(future, 'x')).toThrow(/format version 99/);
  });
});
