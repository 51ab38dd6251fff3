// Alerts leave the running engine: Engine.start on a real SQLite file, a channel added with `quorum alerts add` while
// it runs, a kill-switch trip and engine.raiseAlert delivered to a local receiver; raiseAlert itself only queues.
// A delivery queued while the receiver is down survives the engine closing, and goes out after the next start.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { runCli } from '../../../electron/engine/cli/main';
import type { CredentialStore } from '../../../electron/engine/credentials';
import { openStore } from '../../../electron/engine/store/database';
import { eventually, startHttpReceiver, type HttpReceiver } from '../../support/alert-receivers';
import { captureLogger } from '../../support/engine';
import { memoryCredentials } from '../../support/memory-credentials';
import { tempDir } from '../../support/temp';

const TOKEN_PART = 'engine-hook-7d8e9f0a1b2c';
const FAST = { pollMs: 10, minIntervalMs: 0, retryBaseMs: 30, retryMaxMs: 100, maxAttempts: 50, sendTimeoutMs: 1_000 };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function start(dbPath: string, credentials: CredentialStore) {
  const { logger, lines } = captureLogger();
  const engine = Engine.start({ dbPath, host: 'test', logger, credentials, killSwitchPollMs: 0, deskPollMs: 0, alertDelivery: FAST });
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    engine.close();
  };
  cleanups.push(close);
  return { engine, lines, close };
}

async function addWebhook(dbPath: string, credentials: CredentialStore, url: string): Promise<void> {
  let err = '';
  const code = await runCli(['alerts', 'add', 'webhook', '--name', 'desk', '--url', url, '--min-level', 'warning', '--db', dbPath],
    { out: () => undefined, err: (t) => (err += t), credentials: () => credentials });
  expect(err).toBe('');
  expect(code).toBe(0);
}

async function receiver(port = 0): Promise<HttpReceiver> {
  const r = await startHttpReceiver(port);
  cleanups.push(() => r.close());
  return r;
}

describe('alert delivery from the engine', () => {
  it('a kill-switch trip and raiseAlert reach the webhook; raiseAlert only queues', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'engine.db');
    const creds = memoryCredentials();
    const http = await receiver();
    const { engine, lines, close } = start(dbPath, creds);
    await engine.ready;
    await addWebhook(dbPath, creds, `${http.url}/hooks/${TOKEN_PART}`);

    engine.safety.trip('halt', 'drawdown too deep', 'ui');
    await eventually(() => http.requests.length === 1, 5_000, 'the kill-switch alert');
    expect(http.requests[0].path).toBe(`/hooks/${TOKEN_PART}`);
    expect(http.requests[0].json).toMatchObject({ type: 'quorum.alert', repeats: 0, alert: { level: 'critical', source: 'kill-switch', message: 'Kill switch tripped: halt by ui: drawdown too deep' } });

    const raised = engine.raiseAlert({ level: 'warning', source: 'reconcile', message: 'An order on binance is not Quorum\'s' });
    // Nothing was sent inside raiseAlert: the row waits for the worker.
    expect(engine.alertDelivery.deliveriesFor(raised.id)).toEqual([expect.objectContaining({ channel: 'desk', state: 'queued', attempts: 0 })]);
    await eventually(() => engine.alertDelivery.deliveriesFor(raised.id)[0].state === 'sent', 5_000, 'the raised alert');
    expect(http.requests[1].json).toMatchObject({ alert: { id: raised.id, level: 'warning', source: 'reconcile' } });
    // Below the channel's level: no row, nothing sent.
    const info = engine.raiseAlert({ level: 'info', source: 'breaker:drawdown', message: 'Circuit breaker drawdown re-armed (trader)' });
    expect(engine.alertDelivery.deliveriesFor(info.id)).toEqual([]);

    close();
    const logs = lines.join('');
    expect(logs).toContain('alert sent');
    expect(logs).not.toContain(TOKEN_PART);
    const bytes = [dbPath, `${dbPath}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
    expect(bytes).not.toContain(TOKEN_PART);
  });

  it('a delivery queued while the receiver is down goes out after a restart on the same file', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'restart.db');
    const creds = memoryCredentials();
    // A port that refuses connections for now.
    const probe = await startHttpReceiver();
    const port = probe.port;
    await probe.close();
    await addWebhook(dbPath, creds, `http://127.0.0.1:${port}/hooks/${TOKEN_PART}`);

    const first = start(dbPath, creds);
    const alert = first.engine.raiseAlert({ level: 'critical', source: 'kill-switch', message: 'Kill switch failed on binance: exchange unreachable' });
    await eventually(() => first.engine.alertDelivery.deliveriesFor(alert.id)[0].attempts >= 2, 5_000, 'failed attempts');
    first.close();
    const left = openStore(dbPath);
    const row = left.db.prepare('SELECT state, last_error FROM alert_deliveries WHERE alert_id = ?').get(alert.id) as { state: string; last_error: string };
    left.db.close();
    expect(row.state).toBe('queued');
    expect(row.last_error).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);

    const http = await receiver(port);
    const second = start(dbPath, creds);
    await eventually(() => second.engine.alertDelivery.deliveriesFor(alert.id)[0].state === 'sent', 5_000, 'delivered after the restart');
    expect(http.requests.map((r) => (r.json as { alert: { id: number } }).alert.id)).toEqual([alert.id]);
  });

  it('a message on its way when the engine stops, or left "sending" by a crash, goes out after the next start', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'inflight.db');
    const creds = memoryCredentials();
    const http = await receiver();
    http.respond = () => ({ status: 200, body: 'ok', delayMs: 5_000 });
    await addWebhook(dbPath, creds, `${http.url}/hooks/${TOKEN_PART}`);

    const first = start(dbPath, creds);
    const alert = first.engine.raiseAlert({ level: 'critical', source: 'engine', message: 'Start-up of the trading accounts failed' });
    await eventually(() => http.requests.length === 1, 5_000, 'the call under way');
    expect(first.engine.alertDelivery.deliveriesFor(alert.id)[0].state).toBe('sending');
    first.close();
    // The interrupted attempt is not counted against the channel.
    const after = openStore(dbPath);
    expect(after.db.prepare('SELECT state, attempts FROM alert_deliveries WHERE alert_id = ?').get(alert.id)).toEqual({ state: 'queued', attempts: 0 });
    // A crash would have left the row 'sending': the next start must pick it up all the same.
    after.db.prepare("UPDATE alert_deliveries SET state = 'sending', attempts = 1 WHERE alert_id = ?").run(alert.id);
    after.db.close();

    http.respond = () => ({ status: 200, body: 'ok' });
    const second = start(dbPath, creds);
    await eventually(() => second.engine.alertDelivery.deliveriesFor(alert.id)[0].state === 'sent', 5_000, 'delivered after the restart');
    expect(second.engine.alertDelivery.deliveriesFor(alert.id)[0].attempts).toBe(2);
    expect(second.lines.join('')).toContain('messages interrupted by the last shutdown are queued again');
  });
});
