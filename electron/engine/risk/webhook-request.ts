// Checks one kill-switch webhook request: loopback client, content type, HMAC signature, body fields, timestamp skew,
// replay (remembered in the database, so a restart does not reopen the window).
import type { Database } from 'better-sqlite3';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { describeIssues } from '../../../shared/issues';
import { KILL_MODES, type KillMode } from './kill-switch-types';

export const SIGNATURE_HEADER = 'x-quorum-signature';

export const WebhookBodySchema = z.object({
  mode: z.enum(KILL_MODES),
  reason: z.string().trim().min(1).max(500),
  /** When the sender signed the request, ms since the UTC epoch. */
  timestamp: z.number().int().positive(),
}).strict();

export interface WebhookTrip {
  mode: KillMode;
  reason: string;
  timestamp: number;
}

/** A refusal: the HTTP status and what went wrong (never the secret or the expected signature). */
export interface Rejection {
  status: number;
  error: string;
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

export function sign(secret: string, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex');
}

/** Constant-time comparison of the hex HMAC-SHA256 of the raw body with the header. */
export function hasValidSignature(secret: string, rawBody: Buffer, header: string | undefined): boolean {
  if (!header || !/^[0-9a-fA-F]{64}$/.test(header)) return false;
  const expected = Buffer.from(sign(secret, rawBody), 'hex');
  return timingSafeEqual(expected, Buffer.from(header, 'hex'));
}

/** Parses and validates the body; a rejection names the bad field. */
export function parseBody(rawBody: Buffer): WebhookTrip | Rejection {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { status: 400, error: 'body is not valid JSON' };
  }
  const parsed = WebhookBodySchema.safeParse(json);
  if (parsed.success) return parsed.data;
  return { status: 400, error: `invalid field ${describeIssues(parsed.error).message}` };
}

export function isRejection(value: WebhookTrip | Rejection): value is Rejection {
  return 'status' in value;
}

/** Only JSON is signed and parsed; `application/json; charset=utf-8` is JSON too. */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => p === '' || p === 'charset=utf-8' || p === 'charset="utf-8"');
}

/** Where accepted signatures are remembered until a replay of them would be refused as stale anyway. */
export interface ReplayCache {
  /** True the first time a signature is offered (it is then remembered until `expiresAt`); false for a replay. */
  admit(signature: string, now: number, expiresAt: number): boolean;
}

/** Remembers signatures long enough that a replay is caught while its timestamp would still pass the skew check. */
export class ReplayGuard implements ReplayCache {
  private readonly seen = new Map<string, number>();

  constructor(private readonly rememberMs: number) {}

  /** True the first time a signature is offered within rememberMs; false for a replay. */
  admit(signature: string, now: number, expiresAt = now + this.rememberMs): boolean {
    for (const [sig, expires] of this.seen) if (expires <= now) this.seen.delete(sig);
    const key = signature.toLowerCase();
    if (this.seen.has(key)) return false;
    this.seen.set(key, expiresAt);
    return true;
  }
}

/**
 * The replay cache in the database (schema v7's webhook_replays): a request accepted before a restart is refused after
 * it. Expired rows are pruned on every request. Should the database refuse the write, the in-memory guard still stops
 * replays within this process, and the trip goes ahead: a replayed kill can only stop trading again, while refusing
 * a genuine kill because a table is unwritable would be the worse failure.
 */
export class SqliteReplayCache implements ReplayCache {
  private readonly memory = new ReplayGuard(0);
  private readonly prune;
  private readonly insert;
  onError?: (err: unknown) => void;

  constructor(db: Database) {
    this.prune = db.prepare('DELETE FROM webhook_replays WHERE expires_at <= ?');
    this.insert = db.prepare('INSERT INTO webhook_replays (signature, expires_at) VALUES (?, ?) ON CONFLICT (signature) DO NOTHING');
  }

  admit(signature: string, now: number, expiresAt: number): boolean {
    const key = signature.toLowerCase();
    // Also in memory first: a replay is refused even while the database is failing.
    if (!this.memory.admit(key, now, expiresAt)) return false;
    try {
      this.prune.run(now);
      return this.insert.run(key, expiresAt).changes === 1;
    } catch (err) {
      this.onError?.(err);
      return true;
    }
  }
}
