// Opaque, short-lived handles for files a client may use: an upload the engine reassembled, or a file the user chose
// in the desktop app's open dialog. A client names a file only by such a handle, never by a path.
import { randomBytes } from 'node:crypto';
import { DataError } from '../errors';

export interface FileGrant {
  /** Where the engine reads the file (never shown to the client). */
  path: string;
  /** The file's name as the user knows it, for messages and results. */
  name: string;
  bytes: number;
  /** An upload's own folder: the engine removes it once the file is imported. */
  uploadFolder?: string;
}

interface Held extends FileGrant {
  expiresAt: number;
}

export interface FileGrantsOptions {
  /** How long a handle stays usable; 30 min covers a slow import after a large upload. */
  ttlMs?: number;
  now?: () => number;
  /** Bounded memory: the oldest handles go first. */
  max?: number;
}

export class FileGrants {
  private readonly held = new Map<string, Held>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly max: number;

  constructor(options: FileGrantsOptions = {}) {
    this.ttlMs = options.ttlMs ?? 30 * 60_000;
    this.now = options.now ?? Date.now;
    this.max = options.max ?? 1_000;
  }

  issue(grant: FileGrant): string {
    this.prune();
    while (this.held.size >= this.max) this.held.delete(this.held.keys().next().value as string);
    const token = `f_${randomBytes(18).toString('base64url')}`;
    this.held.set(token, { ...grant, expiresAt: this.now() + this.ttlMs });
    return token;
  }

  /** The grant behind a handle; unknown and expired handles get the same answer (a handle reveals nothing). */
  resolve(token: string, field: string): FileGrant {
    const grant = this.held.get(token);
    if (!grant || grant.expiresAt <= this.now()) {
      this.held.delete(token);
      throw new DataError('Unknown or expired file handle: choose or upload the file again', 'FILE_HANDLE_UNKNOWN', { field });
    }
    return grant;
  }

  revoke(token: string): void {
    this.held.delete(token);
  }

  private prune(): void {
    const now = this.now();
    for (const [token, grant] of this.held) if (grant.expiresAt <= now) this.held.delete(token);
  }
}
