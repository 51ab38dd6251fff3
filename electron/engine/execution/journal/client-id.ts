// Maps the trading loop's deterministic client order ids onto what Binance accepts as newClientOrderId.
import { createHash } from 'node:crypto';

/** Binance: 1 to 36 characters of letters, digits, '-' and '_'. */
const WIRE_ID = /^[A-Za-z0-9_-]{1,36}$/;
const HASH_PREFIX = 'q-';

export function isWireSafe(id: string): boolean {
  return WIRE_ID.test(id);
}

/**
 * The id sent to the exchange. Ids that already fit go out unchanged; anything else (the loop's ids contain ':' and
 * '/') becomes a hash, so the same decision always maps to the same wire id and a retry can never double an order.
 * 34 base64url characters carry 204 bits of SHA-256: collisions are not a practical concern.
 */
export function wireClientId(id: string): string {
  if (isWireSafe(id)) return id;
  const digest = createHash('sha256').update(id, 'utf8').digest('base64url');
  return HASH_PREFIX + digest.slice(0, 34);
}
