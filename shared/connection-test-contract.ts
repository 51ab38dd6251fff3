// "Test connection" for a saved exchange profile (Settings): the engine signs one request with the keys in the OS
// keychain and says how it went. No reply carries a key or a secret.
import { z } from 'zod';
import { AccountName } from './bounds';

export const ConnectionTestRequestSchema = z.object({ account: AccountName }).strict();

/** Why a test failed: no keys stored, no keychain, keys refused, venue unreachable, no answer in time, anything else. */
export const CONNECTION_FAILURES = ['no-keys', 'keychain', 'auth', 'network', 'timeout', 'exchange'] as const;

export const ConnectionTestSchema = z.object({
  account: z.string(),
  ok: z.boolean(),
  failure: z.enum(CONNECTION_FAILURES).optional(),
  /** The signed call's round trip, ms; absent when it was never answered. */
  latencyMs: z.number().nonnegative().optional(),
  /** One line a trader can act on. */
  message: z.string(),
  testedAt: z.number().int(),
});
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>;
