// `quorum health [--json]`: the app's health checks from a terminal, once, on a database — safe while the app runs
// (nothing is written but a probe file in the log folder; the exchanges are asked public questions, and the keys'
// permissions when the keychain is at hand). Exit 0: nothing bad (warnings allowed); 1: something bad; 2: usage.
import { existsSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import { AccountsRepository } from '../../accounts/accounts-repo';
import { exchangeOf } from '../../accounts/account-id';
import { StorageError } from '../../errors';
import { createExchange } from '../../exchange/ccxt-factory';
import { HealthService, type HealthReport, type HealthStatus } from '../../health';
import { modelLibraryFor } from '../../ml/model-library';
import type { BreakerState } from '../../risk';
import { KillSwitchStore } from '../../risk/kill-switch-store';
import { SettingsRepository } from '../../store/settings-repo';
import { DB_OPTION, dbPathFrom, parseFlags, withStore, type CliIO, type Command } from '../command';
import { isoTime, table } from '../format';
import { numberFlag } from './backtest-options';
import { readAppLock } from './trading-host';

const OPTIONS = { ...DB_OPTION, json: { type: 'boolean' }, 'exchange-url': { type: 'string' }, 'timeout-ms': { type: 'string' } } as const;

const LABEL: Record<HealthStatus, string> = { ok: 'OK', warn: 'WARN', bad: 'BAD' };

export const health: Command = {
  path: ['health'],
  summary: 'check exchanges and clock skew, API key rights, database, disk, logs, model and breakers (exit 1 if any is bad)',
  usage: 'quorum health [--json] [--exchange-url URL] [--timeout-ms N] [--db PATH]',
  async run(argv, io) {
    const { values } = parseFlags(argv, OPTIONS);
    const db = dbPathFrom(values);
    const timeoutMs = numberFlag(values, 'timeout-ms', (n) => Number.isInteger(n) && n > 0 && n <= 600_000, 'a whole number of milliseconds in 1..600000');
    if (!existsSync(db)) throw new StorageError(`No database at ${db} (quorum has not run on it; --db names another)`, 'DB_MISSING', { field: 'db', value: db });
    const app = readAppLock(db);
    const report = await withStore(db, (store) => checkOnce(store.db, db, io, { exchangeUrl: values['exchange-url'], timeoutMs }));
    if (values.json) {
      io.out(JSON.stringify({ ...report, db, app: app ?? null }, null, 2));
    } else {
      io.out(app ? `Quorum is running on ${db} (pid ${app.pid}, ${app.host}); live performance is in its Health panel.` : `Quorum is not running on ${db}.`);
      io.out(table(['STATUS', 'CHECK', 'DETAIL'], report.checks.map((c) => [LABEL[c.status], c.name, c.detail])));
      const count = (s: HealthStatus) => report.checks.filter((c) => c.status === s).length;
      io.out(`Health: ${LABEL[report.status]} — ${report.checks.length} checks, ${count('warn')} warning(s), ${count('bad')} bad, at ${isoTime(report.time)} in ${report.durationMs} ms`);
    }
    return report.status === 'bad' ? 1 : 0;
  },
};

function checkOnce(db: Database, dbPath: string, io: CliIO, o: { exchangeUrl?: string; timeoutMs?: number }): Promise<HealthReport> {
  const settings = new SettingsRepository(db);
  const credentials = io.credentials;
  const service = new HealthService({
    dbPath, db, now: io.now, timeoutMs: o.timeoutMs,
    settings: () => settings.load(),
    models: modelLibraryFor(dbPath),
    accountProfiles: () => new AccountsRepository(db).list().map((a) => a.profile),
    exchangeFor: async (profile, withKeys) => {
      const keys = withKeys && credentials ? await credentials().load(profile) : undefined;
      if (withKeys && !keys) throw new StorageError(`No API keys for ${profile} in the OS keychain`, 'KEYCHAIN_NO_KEYS', { field: 'account', value: profile });
      return createExchange(exchangeOf(profile), {
        urlOverride: o.exchangeUrl, apiKey: keys?.apiKey, secret: keys?.secret, options: keys?.password ? { password: keys.password } : {},
      });
    },
    keyedProfiles: credentials ? async () => credentials().accounts() : undefined,
    risk: () => ({ killSwitch: new KillSwitchStore(db).load(), breakers: storedBreakers(db) }),
  });
  return service.run();
}

/** Every account's breakers as last saved (the running app's are the same rows). */
function storedBreakers(db: Database): BreakerState[] {
  const rows = db.prepare('SELECT scope, name, tripped, tripped_at, reason, rearm_at FROM breaker_state ORDER BY scope, name').all() as
    { scope: string; name: string; tripped: number; tripped_at: number | null; reason: string | null; rearm_at: number | null }[];
  return rows.map((r) => ({
    name: r.name, isTripped: r.tripped === 1,
    ...(r.tripped_at !== null ? { trippedAt: r.tripped_at } : {}),
    ...(r.reason !== null ? { reason: r.reason } : {}),
    ...(r.rearm_at !== null ? { rearmAt: r.rearm_at } : {}),
    ...(r.scope !== 'global' ? { account: r.scope } : {}),
  }));
}
