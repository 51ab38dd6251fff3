// The desktop app's kill-switch webhook as a setting: off by default; on once a secret is in the real OS keychain
// (gnome-keyring over D-Bus, as `npm test` provides); a signed request halts the engine; off again closes the port.
// The secret never comes back over the contract nor lands in the database or the log.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { SIGNATURE_HEADER, signWebhookBody } from '../../../electron/engine/risk';
import { keychainSecret } from '../../../electron/shell/keychain';
import { captureLogger } from '../../support/engine';
import { tempDir } from '../../support/temp';

const hasSessionBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const SECRET = 'desktop-webhook-secret-0123456789abcdef';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe.skipIf(!hasSessionBus)('kill-switch webhook in the desktop app (real keychain)', () => {
  const dir = tempDir();
  const { logger, lines } = captureLogger();
  const slot = keychainSecret(`webhook-test-${process.pid}`);
  const engine = Engine.start({ dbPath: join(dir, 'hook.db'), host: 'electron', logger, deskPollMs: 0, killSwitchPollMs: 0, webhookSecret: slot });
  afterAll(() => engine.close());

  const ask = async (channel: string, payload: unknown = {}) => engine.dispatcher.dispatch(channel, payload);
  const value = <T>(reply: Awaited<ReturnType<typeof ask>>) => (reply as { ok: true; value: T }).value;

  it('is off by default, and on only once enabled with a secret in the keychain; a signed request halts', async () => {
    expect(value(await ask('webhook.status'))).toMatchObject({ available: true, enabled: false, running: false });
    const port = await freePort();
    await ask('settings.update', { killSwitchWebhook: { enabled: true, port } });
    await expect.poll(async () => value<{ error?: string }>(await ask('webhook.status')).error).toMatch(/set a secret first/);
    expect(await ask('webhook.setSecret', { secret: 'too-short' })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', field: 'secret' } });
    const status = value<{ running: boolean; url: string; hasSecret: boolean }>(await ask('webhook.setSecret', { secret: SECRET }));
    expect(status).toMatchObject({ running: true, hasSecret: true, url: `http://127.0.0.1:${port}/kill-switch` });
    expect(await slot.get()).toBe(SECRET);

    const body = JSON.stringify({ mode: 'halt', reason: 'alert from my phone', timestamp: Date.now() });
    const unsigned = await fetch(status.url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(unsigned.status).toBe(401);
    const signed = await fetch(status.url, { method: 'POST', body, headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signWebhookBody(SECRET, body) } });
    expect(signed.status).toBe(200);
    expect(engine.safety.state()).toMatchObject({ tradingState: 'halted', killSwitch: { source: 'webhook', reason: 'alert from my phone' } });

    await ask('settings.update', { killSwitchWebhook: { enabled: false } });
    await expect.poll(async () => value<{ running: boolean }>(await ask('webhook.status')).running).toBe(false);
    await expect(fetch(status.url, { method: 'POST', body })).rejects.toThrow();
    expect(engine.settings.load().killSwitchWebhook).toEqual({ enabled: false, port });
  });

  it('keeps the secret out of every reply, the database and the log', async () => {
    for (const channel of ['webhook.status', 'settings.get', 'app.info']) expect(JSON.stringify(await ask(channel))).not.toContain(SECRET);
    engine.store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(join(dir, 'hook.db')).includes(SECRET)).toBe(false);
    expect(lines.join('\n')).not.toContain(SECRET);
  });
});
