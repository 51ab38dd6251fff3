// Checks one kill-switch webhook request: loopback client, HMAC signature, body fields, timestamp skew, replay.
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
});

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

/** Remembers signatures long enough that a replay is caught while its timestamp would still pass the skew check. */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(private readonly rememberMs: number) {}

  /** True the first time a signature is offered within rememberMs; false for a replay. */
  admit(signature: string, now: number): boolean {
    for (const [sig, expires] of this.seen) if (expires <= now) this.seen.delete(sig);
    const key = signature.toLowerCase();
    if (this.seen.has(key)) return false;
    this.seen.set(key, now + this.rememberMs);
    return true;
  }
}
