// The webhook's replay cache in SQLite (schema v7, webhook_replays): a signature is admitted once, also across a
// restart of the process (a new cache and a new server on the same file); expired rows are pruned; an unwritable
// table falls back to memory so a genuine kill is never refused for it, while an in-process replay still is.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { KillSwitch, REARM_CONFIRMATION, signWebhookBody, startKillSwitchWebhook } from '../../../electron/engine/risk';
import { REPLAY_MEMORY_MS } from '../../../electron/engine/risk/webhook';
import { SqliteReplayCache } from '../../../electron/engine/risk/webhook-request';
import { dbPath, openDb, tempDbDir } from './helpers';

const dir = tempDbDir();
const SECRET = 'replay-test-secret-0123456789abcdef';
const NOW = Date.UTC(2025, 2, 3, 12);
const SIG = 'ab'.repeat(32);

const rows = (db: ReturnType<typeof openDb>) => db.prepare('SELECT signature, expires_at AS expiresAt FROM webhook_replays ORDER BY signature').all();

describe('SqliteReplayCache', () => {
  it('admits a signature once, whatever its case, and remembers it in the table until it expires', () => {
    const path = dbPath(dir);
    const db = openDb(path);
    const cache = new SqliteReplayCache(db);
    expect(cache.admit(SIG, NOW, NOW + REPLAY_MEMORY_MS)).toBe(true);
    expect(cache.admit(SIG.toUpperCase(), NOW + 1, NOW + 1 + REPLAY_MEMORY_MS)).toBe(false);
    expect(rows(db)).toEqual([{ signature: SIG, expiresAt: NOW + REPLAY_MEMORY_MS }]);
    db.close();
    // A restart: a new connection and a new cache still refuse it.
    const reopened = openDb(path);
    expect(new SqliteReplayCache(reopened).admit(SIG, NOW + 2, NOW + 2 + REPLAY_MEMORY_MS)).toBe(false);
    reopened.close();
  });

  it('prunes expired rows on the next request, and admits a signature again once its entry expired', () => {
    const db = openDb(dbPath(dir));
    const cache = new SqliteReplayCache(db);
    for (let i = 0; i < 5; i++) expect(cache.admit(`${i}`.repeat(64), NOW + i, NOW + i + 1_000)).toBe(true);
    expect(rows(db)).toHaveLength(5);
    expect(cache.admit('f'.repeat(64), NOW + 1_002, NOW + 2_002)).toBe(true);
    // Entries expiring at or before 1 002 (the first three) are gone.
    expect((rows(db) as { signature: string }[]).map((r) => r.signature[0])).toEqual(['3', '4', 'f']);
    const later = new SqliteReplayCache(db);
    expect(later.admit('0'.repeat(64), NOW + 5_000, NOW + 6_000)).toBe(true);
    db.close();
  });

  it('falls back to memory when the table cannot be written: admitted once, the replay still refused', () => {
    const db = openDb(dbPath(dir));
    const cache = new SqliteReplayCache(db);
    const errors: unknown[] = [];
    cache.onError = (err) => errors.push(err);
    db.close();
    expect(cache.admit(SIG, NOW, NOW + REPLAY_MEMORY_MS)).toBe(true);
    expect(cache.admit(SIG, NOW + 1, NOW + 1 + REPLAY_MEMORY_MS)).toBe(false);
    expect(errors).toHaveLength(1);
  });
});

function post(port: number, body: string, signature: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/kill-switch', method: 'POST', headers: { 'content-type': 'application/json', 'x-quorum-signature': signature } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the webhook across a restart', () => {
  it('refuses (409) after a restart the request it accepted before, and accepts a new one', async () => {
    const path = dbPath(dir);
    const body = JSON.stringify({ mode: 'halt', reason: 'captured and replayed', timestamp: NOW - 2_000 });
    const signature = signWebhookBody(SECRET, body);

    const db1 = openDb(path);
    const hook1 = await startKillSwitchWebhook({ killSwitch: new KillSwitch(db1, () => NOW), secret: SECRET, now: () => NOW, replays: db1 });
    expect(await post(hook1.port, body, signature)).toMatchObject({ status: 200, body: { outcome: 'tripped' } });
    new KillSwitch(db1).rearm({ confirm: REARM_CONFIRMATION });
    await hook1.close();
    db1.close();

    const db2 = openDb(path);
    const killSwitch = new KillSwitch(db2, () => NOW + 5_000);
    const hook2 = await startKillSwitchWebhook({ killSwitch, secret: SECRET, now: () => NOW + 5_000, replays: db2 });
    try {
      expect(await post(hook2.port, body, signature)).toEqual({ status: 409, body: { ok: false, error: 'replayed request' } });
      expect(killSwitch.isTripped()).toBe(false);
      const fresh = JSON.stringify({ mode: 'halt', reason: 'a new request', timestamp: NOW + 4_000 });
      expect((await post(hook2.port, fresh, signWebhookBody(SECRET, fresh))).status).toBe(200);
      expect(killSwitch.state()).toMatchObject({ isTripped: true, reason: 'a new request', source: 'webhook' });
    } finally {
      await hook2.close();
      db2.close();
    }
  });
});
