// The only way a client's request reaches a file: uploads and open-dialog choices become handles, backups go where a
// save dialog says (or into the app's exports folder). The CLI, which the user runs, keeps taking paths directly.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, DataError } from '../errors';
import { Uploads, type UploadChunk } from '../data/uploads';
import { CANDLE_FILE_FILTERS, DATABASE_FILE_FILTERS, type FileDialogs, type FileFilter } from './file-dialogs';
import { FileGrants, type FileGrant } from './file-grants';
import { realInside } from './inside';

export interface PickedFile {
  file: string;
  name: string;
  bytes: number;
}

const ABANDONED_UPLOAD_MS = 24 * 60 * 60_000;

export class ClientFiles {
  readonly uploads: Uploads;
  readonly exportsDir: string;
  private readonly grants: FileGrants;

  constructor(
    readonly appDir: string,
    private readonly dialogs?: FileDialogs,
    grants = new FileGrants(),
  ) {
    this.uploads = new Uploads(join(appDir, 'uploads'));
    this.exportsDir = join(appDir, 'exports');
    this.grants = grants;
    this.uploads.sweep(ABANDONED_UPLOAD_MS);
  }

  get hasDialogs(): boolean {
    return this.dialogs !== undefined;
  }

  upload(chunk: UploadChunk): { received: number; file?: string } {
    const { received, grant } = this.uploads.receive(chunk);
    return grant ? { received, file: this.grants.issue(grant) } : { received };
  }

  /** Shows the host's open dialog; each chosen file comes back as a handle. */
  async open(purpose: 'candles' | 'database', multiple: boolean): Promise<PickedFile[]> {
    if (!this.dialogs) {
      throw new ConfigError('This app has no file dialog here (headless): drop or choose the files to upload them', 'NO_FILE_DIALOG', { field: 'purpose' });
    }
    const paths = purpose === 'candles'
      ? await this.dialogs.openFiles({ title: 'Import candles', filters: CANDLE_FILE_FILTERS, multiple })
      : await this.dialogs.openFiles({ title: 'Restore the Quorum database from a backup', filters: DATABASE_FILE_FILTERS, multiple: false });
    const picked: PickedFile[] = [];
    for (const path of paths) {
      const stat = statSync(path, { throwIfNoEntry: false });
      if (!stat?.isFile()) continue;
      const name = path.split(/[/\\]/).pop() ?? 'file';
      picked.push({ file: this.grants.issue({ path, name, bytes: stat.size }), name, bytes: stat.size });
    }
    return picked;
  }

  /** The file behind a handle, checked again now: an upload must still lie inside the uploads folder. */
  resolve(token: string, field: string): FileGrant {
    const grant = this.grants.resolve(token, field);
    if (grant.uploadFolder) return { ...grant, path: realInside(this.uploads.dir, grant.path, field) };
    if (!statSync(grant.path, { throwIfNoEntry: false })?.isFile()) {
      throw new DataError(`File ${grant.name} is no longer there`, 'FILE_NOT_FOUND', { field });
    }
    return grant;
  }

  /** A handle is spent once its file was imported: an upload's copy is removed, a chosen file is left alone. */
  release(token: string): void {
    let grant: FileGrant;
    try {
      grant = this.grants.resolve(token, 'file');
    } catch {
      return;
    }
    this.grants.revoke(token);
    this.uploads.discard(grant);
  }

  /** Where a copy may be written: the user's choice in a save dialog, or a fresh file in the exports folder. */
  async saveTarget(title: string, defaultName: string, filters: FileFilter[]): Promise<string | undefined> {
    if (this.dialogs) return this.dialogs.saveFile({ title, defaultName, filters });
    mkdirSync(this.exportsDir, { recursive: true });
    return join(this.exportsDir, defaultName);
  }
}
