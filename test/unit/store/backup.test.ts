// Online backup while the store is open, and restore of a backup over a closed store.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StorageError } from '../../../electron/engine/errors';
import { backupDatabase, inspectBackup, restoreDatabase } from '../../../electron/engine/store/backup';
import { openStore } from '../../../electron/engine/store/database';
import { latestVersion } from '../../../electron/engine/store/migrate';
import { tempDir } from '../../support/temp';

const dir = tempDir();

describe('backup and restore', () => {
  it('restores exactly what was backed up, dropping later changes', async () => {
    const path = join(dir, 'live.db');
    const store = openStore(path);
    store.db.prepare("INSERT INTO alerts (time, level, source, message) VALUES (1, 'info', 't', 'before backup')").run();
    const backup = join(dir, 'backup.db');
    await backupDatabase(store.db, backup);
    store.db.prepare("INSERT INTO alerts (time, level, source, message) VALUES (2, 'info', 't', 'after backup')").run();
    store.db.close();

    expect(inspectBackup(backup).version).toBe(latestVersion());
    await restoreDatabase(backup, path);
    const reopened = openStore(path);
    expect(reopened.db.prepare('SELECT message FROM alerts').all()).toEqual([{ message: 'before backup' }]);
    expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.db.close();
  });

  it('will not overwrite an existing file when backing up', async () => {
    const store = openStore(join(dir, 'a.db'));
    const target = join(dir, 'exists.db');
    writeFileSync(target, 'x');
    await expect(backupDatabase(store.db, target)).rejects.toMatchObject({ code: 'BACKUP_EXISTS' });
    store.db.close();
  });

  it('refuses to restore a file that is not a database', async () => {
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not sqlite at all, just text '.repeat(200));
    await expect(restoreDatabase(junk, join(dir, 'target.db'))).rejects.toBeInstanceOf(StorageError);
  });
});
