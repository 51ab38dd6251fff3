// The kill-switch webhook end to end: headless mode halts on a signed request and refuses an unsigned one; the
// desktop engine keeps accepted signatures in its database, so a request accepted before a restart is refused after
// it; and the curl + openssl commands of docs/remote-kill.md, run as they are by bash, trip the switch.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startHeadless } from '../../electron/headless/server';
import { Engine } from '../../electron/engine/engine';
import { REARM_CONFIRMATION, SIGNATURE_HEADER, signWebhookBody } from '../../electron/engine/risk';
import type { SecretSlot } from '../../electron/engine/risk/webhook-service';
import { captureLogger } from '../support/engine';
import { tempDir } from '../support/temp';

const SECRET = 'webhook-secret-for-tests-0123456789';
const run = promisify(execFile);

function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

function memorySlot(initial?: string): SecretSlot {
  let secret = initial;
  return { get: async () => secret, set: async (s) => void (secret = s) };
}

/** The desktop app's engine with its webhook setting on, on a free port; settles once the listener runs. */
async function desktopEngine(dbPath: string, secret = SECRET) {
  const engine = Engine.start({ dbPath, host: 'electron', logger: captureLogger().logger, deskPollMs: 0, killSwitchPollMs: 0, healthCheckMs: 0, webhookSecret: memorySlot(secret) });
  const port = await freePort();
  engine.updateSettings({ killSwitchWebhook: { enabled: true, port } });
  const url = `http://127.0.0.1:${port}/kill-switch`;
  // A restarted engine first listens on the port its settings had, then moves to this one.
  await expect.poll(async () => {
    const reply = await engine.dispatcher.dispatch('webhook.status', {});
    return (reply as { ok: true; value: { url?: string } }).value.url;
  }, { timeout: 5_000 }).toBe(url);
  return { engine, url };
}

function post(url: string, body: string, signature?: string) {
  return fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...(signature ? { [SIGNATURE_HEADER]: signature } : {}) } });
}

describe('kill-switch webhook in headless mode', () => {
  it('halts the engine on a signed request and refuses an unsigned one', async () => {
    const dir = tempDir();
    const server = await startHeadless({ dbPath: join(dir, 'hook.db'), rendererDir: dir, logger: captureLogger().logger, webhook: { port: 0, secret: SECRET } });
    try {
      expect(server.webhookUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/kill-switch$/);
      const body = JSON.stringify({ mode: 'halt', reason: 'TradingView alert: stop', timestamp: Date.now() });
      const unsigned = await post(server.webhookUrl!, body);
      expect(unsigned.status).toBe(401);
      expect(server.engine.safety.state().tradingState).toBe('active');
      const signed = await post(server.webhookUrl!, body, signWebhookBody(SECRET, body));
      expect(signed.status).toBe(200);
      expect(server.engine.safety.state()).toMatchObject({ tradingState: 'halted', killSwitch: { mode: 'halt', source: 'webhook', reason: 'TradingView alert: stop' } });
      expect(server.engine.alerts.list(5)[0]).toMatchObject({ level: 'critical', source: 'kill-switch' });
    } finally {
      await server.close();
    }
  });
});

describe('kill-switch webhook across an engine restart', () => {
  it('refuses after the restart a request it accepted before it', async () => {
    const dbPath = join(tempDir(), 'restart.db');
    const body = JSON.stringify({ mode: 'halt', reason: 'captured on the wire', timestamp: Date.now() });
    const signature = signWebhookBody(SECRET, body);

    const first = await desktopEngine(dbPath);
    expect((await post(first.url, body, signature)).status).toBe(200);
    expect(first.engine.safety.state().killSwitch).toMatchObject({ isTripped: true, source: 'webhook' });
    first.engine.safety.rearmKillSwitch(REARM_CONFIRMATION);
    expect(first.engine.store.db.prepare('SELECT COUNT(*) AS n FROM webhook_replays').get()).toEqual({ n: 1 });
    first.engine.close();

    const second = await desktopEngine(dbPath);
    try {
      const replay = await post(second.url, body, signature);
      expect(replay.status).toBe(409);
      expect(await replay.json()).toEqual({ ok: false, error: 'replayed request' });
      expect(second.engine.safety.state().killSwitch.isTripped).toBe(false);
      // A newly signed request is still welcome.
      const fresh = JSON.stringify({ mode: 'stop-entries', reason: 'after the restart', timestamp: Date.now() });
      expect((await post(second.url, fresh, signWebhookBody(SECRET, fresh))).status).toBe(200);
      expect(second.engine.safety.state().killSwitch).toMatchObject({ isTripped: true, mode: 'stop-entries' });
    } finally {
      second.engine.close();
    }
  });
});

/** The bash blocks of docs/remote-kill.md marked `<!-- tested-example: NAME -->`, by name. */
function documentedExamples(): Map<string, string> {
  const doc = readFileSync(resolve('docs/remote-kill.md'), 'utf8');
  const out = new Map<string, string>();
  for (const m of doc.matchAll(/<!-- tested-example: (\w[\w-]*) -->\n```bash\n([^]*?)\n```/g)) out.set(m[1], m[2]);
  return out;
}

describe('docs/remote-kill.md', () => {
  it('its curl + openssl examples, run by bash as written, halt and then flatten', async () => {
    const examples = documentedExamples();
    expect([...examples.keys()]).toEqual(['halt', 'flatten']);
    const { engine, url } = await desktopEngine(join(tempDir(), 'docs.db'));
    try {
      const env = { PATH: process.env.PATH, QUORUM_WEBHOOK_SECRET: SECRET, QUORUM_WEBHOOK_URL: url };
      const halt = await run('bash', ['-euo', 'pipefail', '-c', examples.get('halt')!], { env, timeout: 15_000 });
      expect(JSON.parse(halt.stdout)).toEqual({ ok: true, outcome: 'tripped', mode: 'halt' });
      expect(engine.safety.state()).toMatchObject({ tradingState: 'halted', killSwitch: { mode: 'halt', source: 'webhook', reason: 'remote halt' } });
      const flatten = await run('bash', ['-euo', 'pipefail', '-c', examples.get('flatten')!], { env, timeout: 15_000 });
      expect(JSON.parse(flatten.stdout)).toEqual({ ok: true, outcome: 'escalated', mode: 'flatten' });
      expect(engine.safety.state().killSwitch).toMatchObject({ mode: 'flatten', source: 'webhook', reason: 'remote flatten' });
      // With the wrong secret the same command fails (curl exits non-zero) with the documented 401 reason.
      const wrong = await run('bash', ['-euo', 'pipefail', '-c', examples.get('halt')!], { env: { ...env, QUORUM_WEBHOOK_SECRET: 'not-the-secret-0123456789abcdef' }, timeout: 15_000 })
        .then(() => undefined, (err: { code: number; stdout: string }) => err);
      expect(wrong?.code).toBe(22);
      expect(JSON.parse(wrong!.stdout)).toEqual({ ok: false, error: 'bad or missing signature' });
      // Without the secret in the environment it says what to do.
      await expect(run('bash', ['-euo', 'pipefail', '-c', examples.get('halt')!], { env: { PATH: process.env.PATH }, timeout: 15_000 }))
        .rejects.toMatchObject({ stderr: expect.stringContaining('export QUORUM_WEBHOOK_SECRET first') });
    } finally {
      engine.close();
    }
  });
});
