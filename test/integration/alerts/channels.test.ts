// Alert channels end to end against local stand-ins on 127.0.0.1 (an HTTP receiver for the webhook, Slack, Discord and
// Telegram APIs; smtp-server for email): each gets a correctly shaped message from the delivery worker and from
// `quorum alerts test`, and no secret ever shows in the database file, the logs, or `quorum alerts list`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertChannels } from '../../../electron/engine/alerts/channels';
import { AlertDelivery } from '../../../electron/engine/alerts/delivery';
import { alertSecretsIn } from '../../../electron/engine/alerts/secrets';
import { runCli } from '../../../electron/engine/cli/main';
import type { CredentialStore } from '../../../electron/engine/credentials';
import { AlertsRepository } from '../../../electron/engine/store/alerts-repo';
import { openStore } from '../../../electron/engine/store/database';
import { keychainStore } from '../../../electron/shell/keychain';
import {
  eventually, serviceLikeAnswer, startHttpReceiver, startSmtpReceiver, type HttpReceiver, type ReceivedRequest, type SmtpReceiver,
} from '../../support/alert-receivers';
import { captureLogger } from '../../support/engine';
import { memoryCredentials } from '../../support/memory-credentials';
import { tempDir } from '../../support/temp';

const TOKEN = '987654:tgsecret_AbCdEfGh123';
const SMTP = { user: 'quorum-bot', pass: 'smtp-pass-5e6f7a8b' };
const FAST = { pollMs: 10, minIntervalMs: 0, retryBaseMs: 20, retryMaxMs: 100, maxAttempts: 3, sendTimeoutMs: 2_000 };

let http: HttpReceiver;
let smtp: SmtpReceiver;
let urls: { webhook: string; slack: string; discord: string };
let secrets: string[];

beforeAll(async () => {
  http = await startHttpReceiver();
  smtp = await startSmtpReceiver(SMTP);
  urls = {
    webhook: `${http.url}/hooks/generic/whsec-0f1e2d3c4b5a`,
    slack: `${http.url}/services/T0001/B0002/slacksecret9a8b7c6d`,
    discord: `${http.url}/api/webhooks/1234/discordsecret-1a2b3c`,
  };
  // What must never leak: each secret, and the parts of the URLs that are their tokens.
  secrets = [urls.webhook, urls.slack, urls.discord, 'whsec-0f1e2d3c4b5a', 'slacksecret9a8b7c6d', 'discordsecret-1a2b3c', TOKEN, 'tgsecret_AbCdEfGh123', SMTP.pass];
});

afterAll(async () => {
  await http.close();
  await smtp.close();
});

/** The CLI in-process with the given keychain, output captured. */
async function cli(credentials: CredentialStore, ...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n'), credentials: () => credentials });
  return { code, out, err };
}

function addArgs(db: string, prefix = ''): string[][] {
  return [
    ['alerts', 'add', 'webhook', '--name', `${prefix}hook`, '--url', urls.webhook, '--min-level', 'info', '--db', db],
    ['alerts', 'add', 'slack', '--name', `${prefix}slack`, '--url', urls.slack, '--db', db],
    ['alerts', 'add', 'discord', '--name', `${prefix}discord`, '--url', urls.discord, '--min-level', 'critical', '--db', db],
    ['alerts', 'add', 'telegram', '--name', `${prefix}tg`, '--token', TOKEN, '--chat-id', '-100123', '--base-url', http.url, '--quiet', '22-07', '--quiet-tz', 'utc', '--db', db],
    ['alerts', 'add', 'email', '--name', `${prefix}mail`, '--smtp-host', '127.0.0.1', '--smtp-port', String(smtp.port), '--smtp-user', SMTP.user,
      '--smtp-pass', SMTP.pass, '--from', 'Quorum <quorum@example.com>', '--to', 'trader@example.com', '--db', db],
  ];
}

function fileBytes(db: string): string {
  return [db, `${db}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
}

function expectNoSecrets(text: string): void {
  for (const s of secrets) expect(text).not.toContain(s);
}

describe('alert channels', () => {
  it('each channel receives a correctly shaped message from the delivery worker', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'alerts.db');
    const creds = memoryCredentials();
    for (const args of addArgs(dbPath)) expect((await cli(creds, ...args)).code).toBe(0);

    const store = openStore(dbPath);
    const { logger, lines } = captureLogger();
    const channels = new AlertChannels(store.db, alertSecretsIn(() => creds));
    const delivery = new AlertDelivery({ db: store.db, channels, log: logger, tuning: FAST, now: () => Date.UTC(2026, 0, 15, 12) });
    const alerts = new AlertsRepository(store.db);
    const raise = (level: 'info' | 'warning' | 'critical', message: string) => {
      const alert = alerts.add({ level, source: 'kill-switch', message });
      delivery.enqueue(alert);
      return alert;
    };
    const seenBefore = http.requests.length;
    const mailsBefore = smtp.mails.length;
    delivery.start();
    try {
      const critical = raise('critical', 'Kill switch tripped: halt by ui: <test> & more');
      await eventually(() => delivery.deliveriesFor(critical.id).every((d) => d.state === 'sent') && delivery.deliveriesFor(critical.id).length === 5, 5_000, 'five deliveries');
      const got = http.requests.slice(seenBefore);
      const byPath = (re: RegExp) => got.find((r: ReceivedRequest) => re.test(r.path));

      const hook = byPath(/^\/hooks\/generic\//)!;
      expect(hook.method).toBe('POST');
      expect(hook.headers['content-type']).toBe('application/json');
      expect(hook.json).toEqual({
        type: 'quorum.alert',
        alert: { id: critical.id, time: critical.time, isoTime: new Date(critical.time).toISOString(), level: 'critical', source: 'kill-switch', message: critical.message },
        repeats: 0,
        text: `Quorum CRITICAL · kill-switch\n${critical.message}`,
      });

      // Slack: {text}, with &, < and > escaped so an alert cannot ping or hide a link.
      expect(byPath(/^\/services\//)!.json).toEqual({ text: 'Quorum CRITICAL · kill-switch\nKill switch tripped: halt by ui: &lt;test&gt; &amp; more' });
      // Discord: {content} and no mentions.
      expect(byPath(/^\/api\/webhooks\//)!.json).toEqual({ content: `Quorum CRITICAL · kill-switch\n${critical.message}`, allowed_mentions: { parse: [] } });
      // Telegram: sendMessage on the base URL with the token in the path.
      const tg = byPath(/^\/bot/)!;
      expect(tg.path).toBe(`/bot${TOKEN}/sendMessage`);
      expect(tg.json).toEqual({ chat_id: '-100123', text: `Quorum CRITICAL · kill-switch\n${critical.message}`, disable_web_page_preview: true });
      // Email: logged in, from and to as set, the alert in the subject and the body.
      const mail = smtp.mails[mailsBefore];
      expect(mail).toMatchObject({ from: 'quorum@example.com', to: ['trader@example.com'], user: SMTP.user, subject: '[Quorum] CRITICAL kill-switch: Kill switch tripped: halt by ui: <test> & more' });
      expect(mail.text).toContain('Kill switch tripped: halt by ui: <test> & more');
      expect(mail.text).toContain(`Alert: #${critical.id}`);

      // Levels: info reaches only the webhook (info+); warning also Slack, Telegram, email; Discord is critical-only.
      const info = raise('info', 'Circuit breaker re-armed');
      const warning = raise('warning', 'Kill switch re-armed by the trader');
      await eventually(() => delivery.list({ state: 'queued' }).length === 0 && delivery.list({ state: 'sending' }).length === 0, 5_000, 'queue drained');
      expect(delivery.deliveriesFor(info.id).map((d) => d.channel)).toEqual(['hook']);
      expect(delivery.deliveriesFor(warning.id).map((d) => `${d.channel}:${d.state}`)).toEqual(['hook:sent', 'mail:sent', 'slack:sent', 'tg:sent']);
    } finally {
      await delivery.stop();
    }
    logger.info(`a line that quotes ${urls.slack} and ${TOKEN}`);
    store.db.close();
    const logs = lines.join('');
    expect(logs).toContain('alert sent');
    expect(logs).toContain('[REDACTED]');
    expectNoSecrets(logs);
    expectNoSecrets(fileBytes(dbPath));
  });

  it('`quorum alerts` adds, lists (no secrets), tests, disables and removes channels', async () => {
    const dir = tempDir();
    const db = join(dir, 'cli.db');
    const creds = memoryCredentials();
    let output = '';
    for (const args of addArgs(db)) {
      const r = await cli(creds, ...args);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      output += r.out;
    }
    expect(output).toContain('Added telegram channel "tg" → chat -100123 via http://127.0.0.1');
    expect(output).toContain('quiet 22-07 utc (critical alerts still go out)');
    // One keychain slot per channel that has a secret.
    expect(await creds.accounts()).toEqual(['alert-channel:discord', 'alert-channel:hook', 'alert-channel:mail', 'alert-channel:slack', 'alert-channel:tg']);

    const list = await cli(creds, 'alerts', 'list', '--db', db);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/NAME\s+KIND\s+LEVEL\s+QUIET/);
    expect(list.out).toMatch(/tg\s+telegram\s+warning\+\s+22-07 utc\s+yes/);
    const json = await cli(creds, 'alerts', 'list', '--json', '--db', db);
    const parsed = JSON.parse(json.out) as { name: string; kind: string; target: string; minLevel: string }[];
    expect(parsed.map((c) => c.name)).toEqual(['discord', 'hook', 'mail', 'slack', 'tg']);
    expect(parsed.find((c) => c.name === 'slack')).toMatchObject({ kind: 'slack', minLevel: 'warning', target: http.url, enabled: true });

    // A name taken is refused without touching the slot of the channel that has it.
    const again = await cli(creds, 'alerts', 'add', 'slack', '--name', 'slack', '--url', `${http.url}/services/other/other/otherotherother`, '--db', db);
    expect(again.code).toBe(2);
    expect(again.err).toContain('exists already');
    expect((await creds.load('alert-channel:slack'))?.secret).toBe(urls.slack);

    const before = http.requests.length;
    const mailsBefore = smtp.mails.length;
    let tests = '';
    for (const name of ['hook', 'slack', 'discord', 'tg', 'mail']) {
      const r = await cli(creds, 'alerts', 'test', name, '--db', db);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      tests += r.out;
    }
    expect(tests).toMatch(/Sent a test message on slack channel "slack" → http:\/\/127\.0\.0\.1:\d+ \(\d+ ms\)/);
    const sent = http.requests.slice(before);
    expect(sent).toHaveLength(4);
    expect(sent.find((r) => r.path.startsWith('/hooks/'))!.json).toMatchObject({ type: 'quorum.alert.test', alert: { level: 'info', source: 'quorum' } });
    expect(sent.find((r) => r.path.startsWith('/services/'))!.json).toEqual({ text: expect.stringContaining('Test message: alerts reach this slack channel ("slack").') });
    expect(smtp.mails[mailsBefore].subject).toBe('[Quorum] Test: INFO quorum: Test message: alerts reach this email channel ("mail").');

    // A failing test says why, masked, and exits 1.
    http.respond = (req) => ({ status: 404, body: `no_service for ${req.path}` });
    const failing = await cli(creds, 'alerts', 'test', 'slack', '--db', db);
    http.respond = serviceLikeAnswer;
    expect(failing.code).toBe(1);
    expect(failing.err).toContain('answered HTTP 404: no_service for [REDACTED]');

    expect((await cli(creds, 'alerts', 'disable', 'discord', '--db', db)).out).toContain('disabled');
    expect((await cli(creds, 'alerts', 'list', '--db', db)).out).toMatch(/discord\s+discord\s+critical\+\s+-\s+no/);
    expect((await cli(creds, 'alerts', 'enable', 'discord', '--db', db)).code).toBe(0);

    const removed = await cli(creds, 'alerts', 'remove', 'slack', '--db', db);
    expect(removed.out).toContain('Removed alert channel "slack"');
    expect(await creds.load('alert-channel:slack')).toBeUndefined();
    expect((await cli(creds, 'alerts', 'remove', 'slack', '--db', db)).code).toBe(1);
    expect((await cli(creds, 'alerts', 'test', 'slack', '--db', db)).err).toContain('No alert channel named "slack"');

    const everything = output + list.out + json.out + tests + failing.out + failing.err + removed.out + fileBytes(db);
    expectNoSecrets(everything);
  });

  it('refuses bad input clearly, and asks for no keychain just to list', async () => {
    const db = join(tempDir(), 'bad.db');
    const noKeychain = async (...argv: string[]) => {
      let out = '';
      let err = '';
      const code = await runCli(argv, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
      return { code, out, err };
    };
    expect((await noKeychain('alerts', 'add', 'pager', '--name', 'x', '--db', db)).err).toContain('one of webhook, slack, discord, telegram, email');
    expect((await noKeychain('alerts', 'add', 'slack', '--name', 'x', '--url', urls.slack, '--base-url', http.url, '--db', db)).err).toContain('--base-url is for telegram only');
    expect((await noKeychain('alerts', 'add', 'slack', '--name', 'x', '--url', urls.slack, '--token', TOKEN, '--db', db)).err).toContain('--token does not apply to a slack channel');
    expect((await noKeychain('alerts', 'add', 'slack', '--name', 'x', '--url', urls.slack, '--quiet', '25-07', '--db', db)).code).toBe(2);
    const noStore = await noKeychain('alerts', 'add', 'slack', '--name', 'x', '--url', urls.slack, '--db', db);
    expect(noStore.code).toBe(1);
    expect(noStore.err).toContain('No OS keychain is connected');
    // Email through a local relay without a login needs no keychain at all.
    expect((await noKeychain('alerts', 'add', 'email', '--name', 'relay', '--smtp-host', '127.0.0.1', '--smtp-port', '2525', '--from', 'q@example.com', '--to', 'me@example.com', '--db', db)).code).toBe(0);
    const list = await noKeychain('alerts', 'list', '--db', db);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/relay\s+email/);
    expectNoSecrets(list.err + noStore.err);
  });
});

const hasSessionBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);

describe.skipIf(!hasSessionBus)('alert channel secrets in the real OS keychain', () => {
  const store = keychainStore(undefined, `QuorumAlertsTest-${process.pid}`);
  afterAll(async () => {
    for (const account of await store.accounts()) await store.remove(account);
  });

  it('keeps a channel secret in its own slot, sends with it, and removes it with the channel', async () => {
    const db = join(tempDir(), 'keychain.db');
    expect((await cli(store, 'alerts', 'add', 'discord', '--name', 'desk', '--url', urls.discord, '--db', db)).code).toBe(0);
    expect(await store.accounts()).toEqual(['alert-channel:desk']);
    const before = http.requests.length;
    const test = await cli(store, 'alerts', 'test', 'desk', '--db', db);
    expect(test.err).toBe('');
    expect(http.requests.slice(before).map((r) => r.path)).toEqual(['/api/webhooks/1234/discordsecret-1a2b3c']);
    expectNoSecrets(fileBytes(db) + test.out + (await cli(store, 'alerts', 'list', '--json', '--db', db)).out);
    expect((await cli(store, 'alerts', 'remove', 'desk', '--db', db)).code).toBe(0);
    expect(await store.accounts()).toEqual([]);
  });
});
