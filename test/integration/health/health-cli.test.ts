// `quorum health [--json]` on a real database against the Binance emulator: a table (or JSON) of every check; exit 0
// when nothing is bad, 1 when something is (exchange down, kill switch latched), 2 on a usage error; it also works
// while the app has the database open, and reads the app's breakers and latch from it.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/engine/cli/main';
import type { CredentialStore } from '../../../electron/engine/credentials';
import { Engine } from '../../../electron/engine/engine';
import { KillSwitch } from '../../../electron/engine/risk';
import { openStore } from '../../../electron/engine/store/database';
import { BinanceEmulator, TEST_API_KEY, TEST_API_SECRET } from '../../emulator';
import { captureLogger } from '../../support/engine';
import { memoryCredentials } from '../../support/memory-credentials';
import { tempDir } from '../../support/temp';

const dir = tempDir('quorum-health-cli-');
let emulator: BinanceEmulator;
beforeAll(async () => {
  emulator = await BinanceEmulator.start({});
});
afterAll(() => emulator.close());

async function health(db: string, args: string[] = [], credentials?: CredentialStore) {
  let out = '';
  let err = '';
  const code = await runCli(['health', '--db', db, ...args], {
    out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), ...(credentials ? { credentials: () => credentials } : {}),
  });
  return { code, out, err };
}

function freshDb(name: string): string {
  const path = join(dir, name);
  openStore(path).db.close();
  return path;
}

describe('quorum health', () => {
  it('prints a table of every check and exits 0 when all are ok', async () => {
    const db = freshDb('ok.db');
    const r = await health(db, ['--exchange-url', emulator.url]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain(`Quorum is not running on ${db}.`);
    expect(r.out).toMatch(/^STATUS\s+CHECK\s+DETAIL$/m);
    for (const name of ['database', 'disk', 'logs', 'model', 'kill-switch', 'breakers', 'exchange:binance']) expect(r.out).toMatch(new RegExp(`^OK\\s+${name}\\s`, 'm'));
    expect(r.out).toMatch(/^Health: OK — 7 checks, 0 warning\(s\), 0 bad, at /m);
  });

  it('prints JSON with --json, with key permissions when the keychain has keys', async () => {
    const db = freshDb('json.db');
    const credentials = memoryCredentials();
    await credentials.save('binance', { apiKey: TEST_API_KEY, secret: TEST_API_SECRET });
    const r = await health(db, ['--json', '--exchange-url', emulator.url], credentials);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out) as { status: string; db: string; app: unknown; checks: { name: string; status: string; measured?: Record<string, unknown> }[] };
    expect(report).toMatchObject({ status: 'ok', db, app: null });
    expect(report.checks.find((c) => c.name === 'api-keys:binance')).toMatchObject({ status: 'ok', measured: { withdrawals: 'unknown' } });
    expect(r.out).not.toContain(TEST_API_SECRET);
  });

  it('exits 1 when the exchange is unreachable or the kill switch is latched', async () => {
    const db = freshDb('bad.db');
    const down = await BinanceEmulator.start({});
    const url = down.url;
    await down.close();
    const r = await health(db, ['--exchange-url', url, '--timeout-ms', '2000']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^BAD\s+exchange:binance\s+binance unreachable/m);
    expect(r.out).toMatch(/^Health: BAD — /m);
    const store = openStore(db);
    new KillSwitch(store.db).trip('halt', 'from the test', 'cli');
    store.db.close();
    const latched = await health(db, ['--exchange-url', emulator.url]);
    expect(latched.code).toBe(1);
    expect(latched.out).toMatch(/^BAD\s+kill-switch\s+latched: halt by cli/m);
  });

  it('runs beside the app, reading its database', async () => {
    const db = join(dir, 'app.db');
    const app = Engine.start({ dbPath: db, host: 'electron', logger: captureLogger().logger, exchangeUrl: emulator.url, deskPollMs: 0, killSwitchPollMs: 0, healthCheckMs: 0 });
    try {
      app.updateSettings({ panel: { predictor: { model: 'missing-one' } } });
      const r = await health(db, ['--exchange-url', emulator.url]);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(new RegExp(`^Quorum is running on ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(pid ${process.pid}, electron\\)`, 'm'));
      expect(r.out).toMatch(/^BAD\s+model\s+the selected model missing-one cannot be used/m);
    } finally {
      app.close();
    }
  });

  it('refuses bad options (exit 2) and a database that does not exist (exit 1)', async () => {
    const db = freshDb('usage.db');
    expect((await health(db, ['--nope'])).code).toBe(2);
    expect((await health(db, ['--timeout-ms', '0'])).code).toBe(2);
    const missing = await health(join(dir, 'nowhere.db'), ['--exchange-url', emulator.url]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/No database at .*nowhere\.db/);
  });
});
