// The delivery worker on a real SQLite file against a local HTTP receiver: dedupe of a flapping alert, the rate limit,
// quiet hours, retries with backoff until the service recovers, 'failed' (with the masked error) when it never does.
// Timings are shortened through DeliveryTuning so the file stays fast.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/domain';
import { AlertChannels } from '../../../electron/engine/alerts/channels';
import { AlertDelivery, type DeliveryTuning } from '../../../electron/engine/alerts/delivery';
import { alertSecretsIn } from '../../../electron/engine/alerts/secrets';
import { AlertsRepository } from '../../../electron/engine/store/alerts-repo';
import { openStore } from '../../../electron/engine/store/database';
import { eventually, startHttpReceiver } from '../../support/alert-receivers';
import { captureLogger } from '../../support/engine';
import { memoryCredentials } from '../../support/memory-credentials';
import { tempDir } from '../../support/temp';

const SECRET_PART = 'T0AAA/B0BBB/hushhushhush42';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface RigOptions {
  tuning?: Partial<DeliveryTuning>;
  now?: () => number;
  quiet?: { start: number; end: number; tz: 'local' | 'utc' };
}

async function rig(options: RigOptions = {}) {
  const http = await startHttpReceiver();
  const store = openStore(join(tempDir(), 'delivery.db'));
  const { logger, lines } = captureLogger();
  const creds = memoryCredentials();
  const channels = new AlertChannels(store.db, alertSecretsIn(() => creds));
  const url = `${http.url}/services/${SECRET_PART}`;
  await channels.add({ kind: 'slack', name: 'ops', url, minLevel: 'info', quiet: options.quiet });
  const delivery = new AlertDelivery({
    db: store.db, channels, log: logger, now: options.now,
    tuning: { pollMs: 10, minIntervalMs: 0, dedupeWindowMs: 60_000, retryBaseMs: 20, retryMaxMs: 200, maxAttempts: 4, sendTimeoutMs: 1_000, ...options.tuning },
  });
  const alerts = new AlertsRepository(store.db);
  cleanups.push(async () => {
    await delivery.stop();
    store.db.close();
    await http.close();
  });
  const raise = (message: string, level: Alert['level'] = 'critical', source = 'breaker:drawdown') => {
    const alert = alerts.add({ level, source, message });
    delivery.enqueue(alert);
    return alert;
  };
  const texts = () => http.requests.map((r) => (r.json as { text: string }).text.split('\n')[1]);
  return { http, store, delivery, channels, creds, raise, texts, lines, url };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('dedupe', () => {
  it('a burst of 100 identical alerts is one message saying "(and 99 more like it)"', async () => {
    const r = await rig();
    r.delivery.start();
    const burst = Array.from({ length: 100 }, () => r.raise('Circuit breaker drawdown on binance tripped'));
    await eventually(() => r.delivery.deliveriesFor(burst[0].id)[0].state === 'sent', 5_000, 'the first delivery sent');
    await sleep(100);
    expect(r.texts()).toEqual(['Circuit breaker drawdown on binance tripped (and 99 more like it)']);
    expect(r.delivery.deliveriesFor(burst[0].id)).toEqual([expect.objectContaining({ channel: 'ops', state: 'sent', attempts: 1, repeats: 99 })]);
    expect(r.delivery.deliveriesFor(burst[57].id)).toEqual([expect.objectContaining({ state: 'suppressed', reason: `duplicate of alert #${burst[0].id}: counted into its message` })]);
  });

  it('a flapping breaker: one message, then one summary when the window ends, then messages again after it', async () => {
    const r = await rig({ tuning: { dedupeWindowMs: 400 } });
    r.delivery.start();
    const first = r.raise('Circuit breaker drawdown on binance tripped');
    const sentAt = (await eventually(() => r.delivery.deliveriesFor(first.id)[0].sentAt, 5_000, 'the first message'));
    const flaps = Array.from({ length: 99 }, () => r.raise('Circuit breaker drawdown on binance tripped'));
    // A different alert from the same source is not a duplicate.
    r.raise('Circuit breaker drawdown on bybit tripped');
    await sleep(150);
    expect(r.texts()).toEqual(['Circuit breaker drawdown on binance tripped', 'Circuit breaker drawdown on bybit tripped']);
    // The first repeat waits for the window's end with the others counted into it.
    expect(r.delivery.deliveriesFor(flaps[0].id)[0]).toMatchObject({ state: 'queued', repeats: 98, nextAt: sentAt + 400 });
    await eventually(() => r.delivery.deliveriesFor(flaps[0].id)[0].state === 'sent', 5_000, 'the summary');
    expect(r.texts()[2]).toBe('Circuit breaker drawdown on binance tripped (and 98 more like it)');
    expect(r.http.requests[2].at).toBeGreaterThanOrEqual(sentAt + 400 - 5);
    expect(r.delivery.list({ state: 'sent' })).toHaveLength(3);
    expect(r.delivery.list({ state: 'suppressed', limit: 1_000 })).toHaveLength(98);
    // Past the window, the same alert goes out at once again.
    await sleep(450);
    const later = r.raise('Circuit breaker drawdown on binance tripped');
    await eventually(() => r.delivery.deliveriesFor(later.id)[0].state === 'sent', 2_000, 'the alert after the window');
    expect(r.texts()).toHaveLength(4);
    expect(r.texts()[3]).toBe('Circuit breaker drawdown on binance tripped');
  });
});

describe('rate limit', () => {
  it('sends at most one message per interval per channel; the others wait their turn, oldest first', async () => {
    const r = await rig({ tuning: { minIntervalMs: 200 } });
    r.delivery.start();
    for (const n of [1, 2, 3]) r.raise(`Session ${n} stopped`, 'warning', `session:${n}`);
    await eventually(() => r.http.requests.length === 3, 5_000, 'three messages');
    expect(r.texts()).toEqual(['Session 1 stopped', 'Session 2 stopped', 'Session 3 stopped']);
    const at = r.http.requests.map((q) => q.at);
    // Measured where the receiver got them: the first call also opened the connection, hence the margin.
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(150);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(150);
  });
});

describe('quiet hours', () => {
  const quiet = { start: 22, end: 7, tz: 'utc' as const };

  it('inside them a warning is suppressed and never sent; a critical alert goes out', async () => {
    const r = await rig({ quiet, now: () => Date.UTC(2026, 0, 15, 23, 30) });
    r.delivery.start();
    const warning = r.raise('Session 4 could not resume yet', 'warning', 'session:4');
    const critical = r.raise('Kill switch tripped: halt by webhook: drawdown', 'critical', 'kill-switch');
    await eventually(() => r.delivery.deliveriesFor(critical.id)[0].state === 'sent', 5_000, 'the critical alert');
    await sleep(50);
    expect(r.texts()).toEqual(['Kill switch tripped: halt by webhook: drawdown']);
    expect(r.delivery.deliveriesFor(warning.id)).toEqual([expect.objectContaining({ state: 'suppressed', attempts: 0, reason: 'quiet hours (22-07 utc)' })]);
  });

  it('outside them a warning goes out', async () => {
    const r = await rig({ quiet, now: () => Date.UTC(2026, 0, 15, 7, 0) });
    r.delivery.start();
    const warning = r.raise('Session 4 could not resume yet', 'warning', 'session:4');
    await eventually(() => r.delivery.deliveriesFor(warning.id)[0].state === 'sent', 5_000, 'the warning');
  });
});

describe('retries', () => {
  it('a channel down for a while: retried with growing waits, then delivered', async () => {
    const r = await rig({ tuning: { retryBaseMs: 40, maxAttempts: 6 } });
    r.http.respond = () => (r.http.requests.length <= 3 ? { status: 503, body: 'busy' } : { status: 200, body: 'ok' });
    r.delivery.start();
    const alert = r.raise('Account binance: reconciliation found an unknown order');
    await eventually(() => r.delivery.deliveriesFor(alert.id)[0].state === 'sent', 5_000, 'delivery after recovery');
    const at = r.http.requests.map((q) => q.at);
    expect(at).toHaveLength(4);
    // Waits of 40, 80 and 160 ms (polled every 10 ms; a margin for the first call, which also opened the connection).
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(30);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(70);
    expect(at[3] - at[2]).toBeGreaterThanOrEqual(150);
    const [d] = r.delivery.deliveriesFor(alert.id);
    expect(d).toMatchObject({ state: 'sent', attempts: 4 });
    expect(d.error).toBeUndefined();
    expect(r.lines.join('')).toContain('alert delivery failed; will retry');
  });

  it('waits at least as long as a 429 asks (Retry-After)', async () => {
    const r = await rig({ tuning: { retryBaseMs: 10, retryMaxMs: 1_000 } });
    r.http.respond = () => (r.http.requests.length === 1 ? { status: 429, headers: { 'retry-after': '0.3' }, body: 'rate_limited' } : { status: 200, body: 'ok' });
    r.delivery.start();
    const alert = r.raise('Circuit breaker daily-loss tripped', 'critical', 'breaker:daily-loss');
    await eventually(() => r.delivery.deliveriesFor(alert.id)[0].state === 'sent', 5_000, 'delivery after the 429');
    expect(r.http.requests[1].at - r.http.requests[0].at).toBeGreaterThanOrEqual(270);
  });

  it('a channel down for good: failed after the last attempt, with the error recorded and masked', async () => {
    const r = await rig({ tuning: { retryBaseMs: 10, maxAttempts: 3 } });
    // The service echoes the URL (and so the token) in its error page: it must not reach the database or the logs.
    r.http.respond = (req) => ({ status: 502, body: `bad gateway for ${req.path}` });
    r.delivery.start();
    const alert = r.raise('Kill switch failed on binance: timeout', 'critical', 'kill-switch');
    await eventually(() => r.delivery.deliveriesFor(alert.id)[0].state === 'failed', 5_000, 'failed');
    expect(r.http.requests).toHaveLength(3);
    const [d] = r.delivery.deliveriesFor(alert.id);
    expect(d).toMatchObject({ state: 'failed', attempts: 3 });
    expect(d.error).toBe(`slack channel "ops": ${r.http.url} answered HTTP 502: bad gateway for [REDACTED]`);
    const logs = r.lines.join('');
    expect(logs).toContain('alert not delivered: no attempts left');
    expect(logs).not.toContain('hushhushhush42');
    const row = r.store.db.prepare('SELECT last_error FROM alert_deliveries WHERE alert_id = ?').get(alert.id) as { last_error: string };
    expect(row.last_error).not.toContain('hushhushhush42');
  });

  it('a refusal (HTTP 404: the webhook was deleted) fails at once; so does a missing secret', async () => {
    const r = await rig();
    r.http.respond = () => ({ status: 404, body: 'no_service' });
    r.delivery.start();
    const alert = r.raise('Kill switch tripped: halt by ui: test', 'critical', 'kill-switch');
    await eventually(() => r.delivery.deliveriesFor(alert.id)[0].state === 'failed', 5_000, 'failed');
    expect(r.delivery.deliveriesFor(alert.id)[0]).toMatchObject({ attempts: 1, error: expect.stringContaining('answered HTTP 404: no_service') });
    expect(r.lines.join('')).toContain('alert not delivered: the service refused it');
    r.http.respond = () => ({ status: 200, body: 'ok' });
    await r.creds.remove('alert-channel:ops');
    const orphan = r.raise('Kill switch tripped: halt by ui: again', 'critical', 'kill-switch');
    await eventually(() => r.delivery.deliveriesFor(orphan.id)[0].state === 'failed', 5_000, 'failed');
    expect(r.delivery.deliveriesFor(orphan.id)[0]).toMatchObject({ attempts: 1, error: 'slack channel "ops": its secret is not in the OS keychain; remove the channel and add it again' });
  });

  it('an unreachable service and a service that does not answer in time are retried', async () => {
    const r = await rig({ tuning: { retryBaseMs: 10, maxAttempts: 2, sendTimeoutMs: 100 } });
    r.http.respond = () => ({ status: 200, body: 'ok', delayMs: 400 });
    r.delivery.start();
    const slow = r.raise('slow', 'critical', 'a');
    await eventually(() => r.delivery.deliveriesFor(slow.id)[0].state === 'failed', 5_000, 'timed out twice');
    expect(r.delivery.deliveriesFor(slow.id)[0].error).toBe(`slack channel "ops": no answer from ${r.http.url} within 100 ms`);
    await r.http.close();
    const refused = r.raise('refused', 'critical', 'b');
    await eventually(() => r.delivery.deliveriesFor(refused.id)[0].state === 'failed', 5_000, 'refused twice');
    expect(r.delivery.deliveriesFor(refused.id)[0]).toMatchObject({ attempts: 2, error: `slack channel "ops": cannot reach ${r.http.url}: ECONNREFUSED` });
  });
});

describe('channel switches', () => {
  it('disabling a channel drops what it had queued; alerts below its level get no row', async () => {
    const r = await rig({ tuning: { minIntervalMs: 60_000 } });
    r.channels.setEnabled('ops', true);
    r.delivery.start();
    const a = r.raise('first', 'critical', 'a');
    await eventually(() => r.delivery.deliveriesFor(a.id)[0].state === 'sent', 5_000, 'first');
    const b = r.raise('second (rate-limited)', 'critical', 'b');
    expect(r.delivery.deliveriesFor(b.id)[0].state).toBe('queued');
    r.channels.setEnabled('ops', false);
    expect(r.delivery.deliveriesFor(b.id)[0]).toMatchObject({ state: 'suppressed', reason: 'channel disabled' });
    const c = r.raise('while disabled', 'critical', 'c');
    expect(r.delivery.deliveriesFor(c.id)).toEqual([]);
    expect(await r.delivery.settle(200)).toBe(true);
    expect(r.http.requests).toHaveLength(1);
  });
});
