// Alert channels' secrets (webhook URLs with their tokens, bot tokens, SMTP passwords): one keychain slot per channel,
// never the database. Every secret read or written is registered with the log masker, and error messages about a
// channel are masked here before they are stored or shown.
import type { CredentialStore } from '../credentials';
import { REDACTED, type SecretRegistry } from '../log/secrets';
import { globalSecrets } from '../log/logger';

/** The keychain account of a channel's slot, in the same store as the exchange keys. */
export const ALERT_SECRET_PREFIX = 'alert-channel:';

export function alertSecretAccount(channel: string): string {
  return `${ALERT_SECRET_PREFIX}${channel}`;
}

/** Where channel secrets live; the engine and the CLI use the OS keychain, tests an in-memory store. */
export interface AlertSecrets {
  get(channel: string): Promise<string | undefined>;
  set(channel: string, secret: string): Promise<void>;
  remove(channel: string): Promise<boolean>;
}

/**
 * Channel secrets in the CredentialStore the engine already has (the OS keychain). Its entries have the exchange
 * keys' shape, so the secret fills both fields: a label in `apiKey` would be registered as a secret too and masked
 * from every log line. The store is asked for only when a secret is needed (listing channels needs no keychain).
 */
export function alertSecretsIn(store: () => CredentialStore, registry: SecretRegistry = globalSecrets): AlertSecrets {
  return {
    async get(channel) {
      const entry = await store().load(alertSecretAccount(channel));
      if (entry) rememberSecret(entry.secret, registry);
      return entry?.secret;
    },
    async set(channel, secret) {
      rememberSecret(secret, registry);
      await store().save(alertSecretAccount(channel), { apiKey: secret, secret });
    },
    remove: (channel) => store().remove(alertSecretAccount(channel)),
  };
}

/** The forms a secret can take in text: itself, URL-encoded, and for a URL its normalized form and its path. */
export function secretForms(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret)]);
  try {
    const url = new URL(secret);
    forms.add(url.href);
    const rest = `${url.pathname}${url.search}`;
    // The path of a Slack or Discord webhook is its token; a bare "/" is not worth masking.
    if (rest.length >= 8) forms.add(rest);
  } catch {
    // Not a URL (a bot token, a password): the plain forms are enough.
  }
  return [...forms].filter((f) => f.length >= 4);
}

/** Registers a secret's forms so no log line can show them. */
export function rememberSecret(secret: string, registry: SecretRegistry = globalSecrets): void {
  for (const form of secretForms(secret)) {
    try {
      registry.register(form);
    } catch {
      // Shorter than the registry takes: add() refuses such secrets, so only a hand-edited slot gets here.
    }
  }
}

/** `text` with every form of `secret` (and every registered secret) replaced by [REDACTED], clipped to `max` chars. */
export function maskText(text: string, secret: string | undefined, max = 500, registry: SecretRegistry = globalSecrets): string {
  let out = text;
  if (secret) for (const form of secretForms(secret).sort((a, b) => b.length - a.length)) out = out.split(form).join(REDACTED);
  out = registry.mask(out);
  return out.length > max ? `${out.slice(0, max)}…` : out;
}
