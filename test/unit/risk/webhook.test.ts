// The HMAC-signed loopback webhook: a good request trips the kill switch; every bad one is refused with its status.
import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../electron/engine/errors';
import { globalSecrets } from '../../../electron/engine/log/logger';
import { KillSwitch, signWebhookBody, startKillSwitchWebhook, type KillSwitchWebhook } from '../../../electron/engine/risk';
import { isLoopback } from '../../../electron/engine/risk/webhook-request';
import type { Database } from '../../../electron/engine/store/database';
import { dbPath, openDb, tempDbDir } from './helpers';

const SECRET = 'test-webhook-secret-0123456789';
const NOW = Date.UTC(2025, 0, 6, 10);
const dir = tempDbDir();

let db: Database;
let killSwitch: KillSwitch;
let hook: KillSwitchWebhook;

beforeAll(async () => {
  db = openDb(dbPath(dir));
  killSwitch = new KillSwitch(db, () => NOW);
  hook = await startKillSwitchWebhook({ killSwitch, secret: SECRET, now: () => NOW });
});
afterAll(async () => {
  await hook.close();
  db.close();
});
afterEach(() => {
  if (killSwitch.isTripped()) killSwitch.rearm({ confirm: 'REARM' });
});

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

function post(body: string, headers: Record<string, string> = {}, path = '/kill-switch', method = 'POST'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: hook.port, path, method, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    // The server may drop the connection after refusing an oversized body; the answer has arrived by then.
    req.on('error', (err) => (err.message.includes('EPIPE') || err.message.includes('ECONNRESET') ? undefined : reject(err)));
    req.end(body);
  });
}

function signed(payload: unknown): Promise<Reply> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return post(body, { 'x-quorum-signature': signWebhookBody(SECRET, body) });
}

describe('kill-switch webhook', () => {
  it('trips the kill switch on a well-signed, fresh request', async () => {
    const reply = await signed({ mode: 'halt', reason: 'tradingview alert', timestamp: NOW - 1000 });
    expect(reply).toEqual({ status: 200, body: { ok: true, outcome: 'tripped', mode: 'halt' } });
    expect(killSwitch.state()).toMatchObject({ isTripped: true, mode: 'halt', source: 'webhook', reason: 'tradingview alert' });
  });

  it('listens on 127.0.0.1 only', () => {
    expect(hook.url).toBe(`http://127.0.0.1:${hook.port}/kill-switch`);
    expect(hook.port).toBeGreaterThan(0);
  });

  it('rejects a bad or missing signature with 401', async () => {
    const body = JSON.stringify({ mode: 'halt', reason: 'x', timestamp: NOW });
    expect((await post(body, { 'x-quorum-signature': signWebhookBody('another-secret-entirely', body) })).status).toBe(401);
    expect((await post(body)).status).toBe(401);
    expect((await post(body, { 'x-quorum-signature': 'zz' })).status).toBe(401);
    expect(killSwitch.isTripped()).toBe(false);
  });

  it('rejects a timestamp more than 30 s away with 401, and accepts one exactly 30 s away', async () => {
    expect(await signed({ mode: 'halt', reason: 'old', timestamp: NOW - 30_001 })).toMatchObject({ status: 401, body: { error: expect.stringMatching(/stale/) } });
    expect((await signed({ mode: 'halt', reason: 'future', timestamp: NOW + 30_001 })).status).toBe(401);
    expect(killSwitch.isTripped()).toBe(false);
    expect((await signed({ mode: 'halt', reason: 'edge', timestamp: NOW - 30_000 })).status).toBe(200);
  });

  it('rejects a replayed request with 409', async () => {
    const body = JSON.stringify({ mode: 'stop-entries', reason: 'once', timestamp: NOW - 5 });
    const headers = { 'x-quorum-signature': signWebhookBody(SECRET, body) };
    expect((await post(body, headers)).status).toBe(200);
    killSwitch.rearm({ confirm: 'REARM' });
    expect(await post(body, headers)).toMatchObject({ status: 409, body: { ok: false, error: 'replayed request' } });
    expect(killSwitch.isTripped()).toBe(false);
  });

  it('rejects a body over 4 KiB with 413', async () => {
    const body = JSON.stringify({ mode: 'halt', reason: 'x'.repeat(5000), timestamp: NOW });
    expect((await post(body, { 'x-quorum-signature': signWebhookBody(SECRET, body) })).status).toBe(413);
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: hook.port, path: '/kill-switch', method: 'POST' }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', (err) => (err.message.includes('EPIPE') || err.message.includes('ECONNRESET') ? undefined : reject(err)));
      for (let i = 0; i < 5; i++) req.write('x'.repeat(1000));
      req.end();
    });
    expect(chunked).toBe(413);
    expect(killSwitch.isTripped()).toBe(false);
  });

  it('rejects bad JSON and bad fields with 400 naming the field', async () => {
    expect(await signed('{not json')).toMatchObject({ status: 400, body: { error: 'body is not valid JSON' } });
    expect(await signed({ mode: 'nuke', reason: 'x', timestamp: NOW })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^invalid field mode:/) } });
    expect(await signed({ mode: 'halt', reason: '', timestamp: NOW })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/reason/) } });
    expect(await signed({ mode: 'halt', reason: 'x', timestamp: 'now' })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/timestamp/) } });
    expect(killSwitch.isTripped()).toBe(false);
  });

  it('answers 404 for another path and 405 for another method', async () => {
    expect((await post('{}', {}, '/other')).status).toBe(404);
    expect((await post('', {}, '/kill-switch', 'GET')).status).toBe(405);
  });

  it('registers the secret with log masking', () => {
    expect(globalSecrets.mask(`secret=${SECRET}`)).toBe('secret=[REDACTED]');
  });

  it('refuses a weak secret', async () => {
    await expect(startKillSwitchWebhook({ killSwitch, secret: 'short' })).rejects.toThrow(ConfigError);
  });
});

describe('loopback check', () => {
  it('admits only loopback peers', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopback(a)).toBe(true);
    for (const a of ['10.0.0.2', '192.168.1.5', '::ffff:192.168.1.5', 'fe80::1', '', undefined]) expect(isLoopback(a)).toBe(false);
  });
});
