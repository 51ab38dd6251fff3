// Reassembles files the user picked in the UI, sent in base64 chunks over the contract, into the uploads folder.
// Every folder and file name here is the engine's own (a random folder per upload, the user's name sanitised), so
// nothing a client sends can point a write or a removal outside the folder.
import { randomBytes } from 'node:crypto';
import { appendFileSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DataError } from '../errors';
import type { FileGrant } from '../files/file-grants';
import { liesInside } from '../files/inside';

export interface UploadChunk {
  uploadId: string;
  name: string;
  seq: number;
  data: string;
  last: boolean;
}

const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;
/** Uploads in flight at once; a client cannot pile up half-finished ones. */
const MAX_OPEN_UPLOADS = 32;
const PART = 'upload.part';
const UPLOAD_FOLDER = /^u-[0-9a-f]{24}$/;

interface InFlight {
  next: number;
  bytes: number;
  folder: string;
  lastChunkAt: number;
}

/** An upload with no chunk for this long is abandoned: its slot and its folder are freed. */
const ABANDONED_AFTER_MS = 10 * 60_000;

export class Uploads {
  private readonly inFlight = new Map<string, InFlight>();

  constructor(readonly dir: string, private readonly now: () => number = Date.now) {}

  /** Appends one chunk in order; with the last chunk, returns the finished file (named by the engine). */
  receive(chunk: UploadChunk): { received: number; grant?: FileGrant } {
    const state = this.inFlight.get(chunk.uploadId) ?? (chunk.seq === 0 ? this.begin(chunk.uploadId) : undefined);
    if (!state || chunk.seq !== state.next) {
      throw new DataError(`Upload ${chunk.uploadId}: expected chunk ${state?.next ?? 0}, got ${chunk.seq}`, 'UPLOAD_ORDER', { field: 'seq', value: chunk.seq });
    }
    const bytes = Buffer.from(chunk.data, 'base64');
    state.bytes += bytes.length;
    if (state.bytes > MAX_UPLOAD_BYTES) {
      this.abort(chunk.uploadId);
      throw new DataError(`Upload ${basename(chunk.name)} is larger than 2 GiB`, 'UPLOAD_TOO_LARGE', { field: 'data' });
    }
    appendFileSync(join(state.folder, PART), bytes);
    state.next++;
    state.lastChunkAt = this.now();
    if (!chunk.last) return { received: state.bytes };
    this.inFlight.delete(chunk.uploadId);
    // The user's file name stays recognisable: importers read symbol and timeframe from it.
    const name = safeName(chunk.name);
    const path = join(state.folder, name);
    renameSync(join(state.folder, PART), path);
    return { received: state.bytes, grant: { path, name, bytes: state.bytes, uploadFolder: state.folder } };
  }

  /** Removes an upload's folder once it is imported: only a direct, real (not linked) child of the uploads folder. */
  discard(grant: FileGrant): void {
    const folder = grant.uploadFolder;
    if (!folder || dirname(folder) !== this.dir) return;
    try {
      if (lstatSync(folder).isSymbolicLink() || !liesInside(this.dir, folder)) return;
    } catch {
      return; // already gone
    }
    rmSync(folder, { recursive: true, force: true });
  }

  /** Removes uploads abandoned for longer than `maxAgeMs` (a closed window, a crash mid-upload). */
  sweep(maxAgeMs: number, now = this.now()): number {
    let removed = 0;
    let entries: string[];
    try {
      entries = readdirSync(this.dir);
    } catch {
      return 0;
    }
    const live = new Set([...this.inFlight.values()].map((s) => s.folder));
    for (const entry of entries) {
      const path = join(this.dir, entry);
      // Only our own folders: whatever else someone put here is not ours to remove.
      if (!UPLOAD_FOLDER.test(entry) || live.has(path)) continue;
      try {
        // rm never follows a symlink: a link planted here is removed, its target left alone.
        if (now - lstatSync(path).mtimeMs > maxAgeMs) {
          rmSync(path, { recursive: true, force: true });
          removed++;
        }
      } catch {
        // vanished meanwhile
      }
    }
    return removed;
  }

  private begin(uploadId: string): InFlight {
    for (const [id, s] of this.inFlight) if (this.now() - s.lastChunkAt > ABANDONED_AFTER_MS) this.abort(id);
    if (this.inFlight.size >= MAX_OPEN_UPLOADS) {
      throw new DataError(`Too many uploads in progress (${MAX_OPEN_UPLOADS}); finish or restart them`, 'UPLOAD_BUSY', { field: 'uploadId' });
    }
    mkdirSync(this.dir, { recursive: true });
    // A fresh random folder (mkdir fails rather than reuse anything already there).
    const folder = join(this.dir, `u-${randomBytes(12).toString('hex')}`);
    mkdirSync(folder);
    writeFileSync(join(folder, PART), new Uint8Array(0), { flag: 'wx' });
    const state = { next: 0, bytes: 0, folder, lastChunkAt: this.now() };
    this.inFlight.set(uploadId, state);
    return state;
  }

  private abort(uploadId: string): void {
    const state = this.inFlight.get(uploadId);
    this.inFlight.delete(uploadId);
    if (state && statSync(state.folder, { throwIfNoEntry: false })) rmSync(state.folder, { recursive: true, force: true });
  }
}

/** Keeps the user's file name recognisable (importers read symbol and timeframe from it) but harmless. */
function safeName(name: string): string {
  const cleaned = basename(name.replace(/\\/g, '/')).replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 200);
  return cleaned.replace(/^\.+/, '_') || 'upload';
}
