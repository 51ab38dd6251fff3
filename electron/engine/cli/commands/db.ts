// `quorum db backup|restore|info`: online backup, restore over a closed store, and schema information.
import { resolve } from 'node:path';
import { backupDatabase, restoreDatabase } from '../../store/backup';
import { latestVersion } from '../../store/migrate';
import { accountSummaries } from '../../accounts/account-summary';
import { DB_OPTION, dbPathFrom, parseFlags, requireString, type Command, withStore } from '../command';

export const dbBackup: Command = {
  path: ['db', 'backup'],
  summary: 'copy the database to a file while it stays usable',
  usage: 'quorum db backup --to FILE [--db PATH]',
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...DB_OPTION, to: { type: 'string' } });
    return withStore(dbPathFrom(values), async (store) => {
      const result = await backupDatabase(store.db, resolve(requireString(values, 'to')));
      io.out(`Backed up ${store.path} to ${result.path} (${result.pages} pages)`);
      return 0;
    });
  },
};

export const dbRestore: Command = {
  path: ['db', 'restore'],
  summary: 'replace the database with a backup (close the app first)',
  usage: 'quorum db restore --from FILE [--db PATH]',
  async run(argv, io) {
    const { values } = parseFlags(argv, { ...DB_OPTION, from: { type: 'string' } });
    const target = dbPathFrom(values);
    const { version } = await restoreDatabase(resolve(requireString(values, 'from')), target);
    io.out(`Restored ${target} from ${values.from} (schema v${version}${version < latestVersion() ? `, will be upgraded to v${latestVersion()} on next open` : ''})`);
    return 0;
  },
};

export const dbInfo: Command = {
  path: ['db', 'info'],
  summary: 'show where the database is, its schema version and its trading accounts',
  usage: 'quorum db info [--db PATH]',
  run(argv, io) {
    const { values } = parseFlags(argv, DB_OPTION);
    return withStore(dbPathFrom(values), (store) => {
      io.out(`${store.path}: schema v${store.migration.to}${store.migration.applied.length ? ` (applied ${store.migration.applied.join(', ')})` : ''}`);
      const accounts = accountSummaries(store.db);
      io.out(accounts.length === 0 ? 'Accounts: none yet' : 'Accounts:');
      for (const a of accounts) io.out(`  ${a.line}`);
      return 0;
    });
  },
};
