// Opens a candle file as a stream of decompressed byte chunks, recognising gzip and zip by their magic bytes.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { unzipFirstEntry } from './zip-stream';

export type Compression = 'none' | 'gzip' | 'zip';

export interface ByteSource {
  compression: Compression;
  /** Inner file name for zip archives. */
  innerName(): string | undefined;
  chunks: AsyncGenerator<Uint8Array>;
  /** Releases the file early (when the consumer stops before the end). */
  close(): void;
}

const CHUNK_BYTES = 256 * 1024;

export async function sniffCompression(path: string): Promise<Compression> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await fh.read(head, 0, 4, 0);
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
    if (bytesRead === 4 && head.readUInt32LE(0) === 0x04034b50) return 'zip';
    return 'none';
  } finally {
    await fh.close();
  }
}

export async function openByteSource(path: string): Promise<ByteSource> {
  const compression = await sniffCompression(path);
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const close = () => file.destroy();
  if (compression === 'gzip') {
    const gunzip = createGunzip({ chunkSize: CHUNK_BYTES });
    file.on('error', (err) => gunzip.destroy(err));
    file.pipe(gunzip);
    const closeBoth = () => (file.destroy(), gunzip.destroy());
    return { compression, innerName: () => undefined, chunks: iterate(gunzip), close: closeBoth };
  }
  if (compression === 'zip') {
    const zip = unzipFirstEntry(iterate(file), path);
    return { compression, innerName: zip.name, chunks: zip.chunks, close };
  }
  return { compression, innerName: () => undefined, chunks: iterate(file), close };
}

async function* iterate(stream: AsyncIterable<unknown>): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) yield chunk as Uint8Array;
}

/** Up to `bytes` decompressed bytes from the start of the file (for format detection and metadata). */
export async function readHead(path: string, bytes = 64 * 1024): Promise<{ head: Uint8Array; compression: Compression; innerName?: string }> {
  const src = await openByteSource(path);
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of src.chunks) {
      parts.push(chunk);
      size += chunk.length;
      if (size >= bytes) break;
    }
  } finally {
    src.close();
  }
  const head = Buffer.concat(parts);
  return { head: head.subarray(0, Math.min(head.length, bytes)), compression: src.compression, innerName: src.innerName() };
}
