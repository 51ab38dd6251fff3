// Reassembles files the user picked in the UI, sent in base64 chunks over the contract, into the uploads folder.
import { appendFileSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DataError } from '../errors';

export interface UploadChunk {
  uploadId: string;
  name: string;
  seq: number;
  data: string;
  last: boolean;
}

const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

export class Uploads {
  private readonly progress = new Map<string, { next: number; bytes: number }>();

  constructor(readonly dir: string) {}

  /** Appends one chunk in order; returns the finished file's path with the last chunk. */
  receive(chunk: UploadChunk): { received: number; path?: string } {
    mkdirSync(this.dir, { recursive: true });
    const state = this.progress.get(chunk.uploadId) ?? { next: 0, bytes: 0 };
    if (chunk.seq !== state.next) {
      throw new DataError(`Upload ${chunk.uploadId}: expected chunk ${state.next}, got ${chunk.seq}`, 'UPLOAD_ORDER', { field: 'seq', value: chunk.seq });
    }
    const bytes = Buffer.from(chunk.data, 'base64');
    state.bytes += bytes.length;
    if (state.bytes > MAX_UPLOAD_BYTES) {
      this.abort(chunk);
      throw new DataError(`Upload ${chunk.name} is larger than 2 GiB`, 'UPLOAD_TOO_LARGE', { field: 'data' });
    }
    appendFileSync(this.partPath(chunk), bytes);
    state.next++;
    this.progress.set(chunk.uploadId, state);
    if (!chunk.last) return { received: state.bytes };
    this.progress.delete(chunk.uploadId);
    // One folder per upload keeps the user's file name intact: importers read symbol and timeframe from it.
    const folder = join(this.dir, chunk.uploadId);
    mkdirSync(folder, { recursive: true });
    const path = join(folder, safeName(chunk.name));
    renameSync(this.partPath(chunk), path);
    return { received: state.bytes, path };
  }

  /** Whether a path is one of our uploads (so it can be removed once imported). */
  owns(path: string): boolean {
    return path.startsWith(this.dir + '/') || path.startsWith(this.dir + '\\');
  }

  remove(path: string): void {
    if (this.owns(path)) rmSync(dirname(path), { recursive: true, force: true });
  }

  private abort(chunk: UploadChunk): void {
    this.progress.delete(chunk.uploadId);
    rmSync(this.partPath(chunk), { force: true });
  }

  private partPath(chunk: UploadChunk): string {
    return join(this.dir, `${chunk.uploadId}.part`);
  }
}

/** Keeps the user's file name recognisable (importers read symbol and timeframe from it) but harmless. */
function safeName(name: string): string {
  return basename(name).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 200) || 'upload';
}
