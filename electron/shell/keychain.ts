// Exchange keys in the OS keychain (keytar: Keychain on macOS, Credential Vault on Windows, Secret Service on Linux).
import { createRequire } from 'node:module';
import { ExchangeCredentialsSchema, type CredentialStore, type ExchangeCredentials } from '../engine/credentials';
import { StorageError } from '../engine/errors';
import { globalSecrets } from '../engine/log/logger';
import type { SecretSlot } from '../engine/risk/webhook-service';

export const KEYCHAIN_SERVICE = 'Quorum';

/** The slice of keytar we use; tests may pass another implementation of the same calls. */
export interface KeytarLike {
  setPassword(service: string, account: string, password: string): Promise<void>;
  getPassword(service: string, account: string): Promise<string | null>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

/**
 * keytar is an optional dependency (its native build needs libsecret on Linux): loaded on first use, so the app and
 * paper trading start without it, and only the keychain's own requests explain what is missing.
 */
function loadKeytar(): KeytarLike {
  try {
    return createRequire(import.meta.url)('keytar') as KeytarLike;
  } catch (err) {
    const missing = (err as { code?: string }).code === 'MODULE_NOT_FOUND';
    throw missing
      ? new StorageError(
          'The OS keychain module (npm package "keytar") is not installed, so live trading is unavailable; paper trading works. ' +
            'Install it with `npm install keytar` (on Debian/Ubuntu first `apt-get install libsecret-1-dev`).',
          'KEYCHAIN_MODULE_MISSING',
          {},
          { cause: err },
        )
      : unavailable(err);
  }
}

function unavailable(err: unknown): StorageError {
  const why = err instanceof Error ? err.message : String(err);
  return new StorageError(
    `The OS keychain is not available (${why}). On Linux, run Quorum in a desktop session with gnome-keyring or KWallet.`,
    'KEYCHAIN_UNAVAILABLE',
    {},
    { cause: err },
  );
}

/** keytar, loaded once on first use. */
function lazyKeytar(): KeytarLike {
  let loaded: KeytarLike | undefined;
  const get = () => (loaded ??= loadKeytar());
  return {
    setPassword: (...a) => get().setPassword(...a),
    getPassword: (...a) => get().getPassword(...a),
    deletePassword: (...a) => get().deletePassword(...a),
    findCredentials: (...a) => get().findCredentials(...a),
  };
}

/** Any keychain failure becomes one clear StorageError instead of a crash. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw err instanceof StorageError ? err : unavailable(err);
  }
}

export function keychainStore(keytar: KeytarLike = lazyKeytar(), service = KEYCHAIN_SERVICE): CredentialStore {
  return {
    save: (account, credentials) => guarded(async () => {
      const parsed = ExchangeCredentialsSchema.parse(credentials);
      remember(parsed);
      await keytar.setPassword(service, account, JSON.stringify(parsed));
    }),
    load: (account) => guarded(async () => {
      const raw = await keytar.getPassword(service, account);
      if (raw === null) return undefined;
      const parsed = ExchangeCredentialsSchema.safeParse(JSON.parse(raw));
      if (!parsed.success) throw new StorageError(`Keychain entry for ${account} is not a Quorum credential`, 'KEYCHAIN_ENTRY_INVALID', { field: 'account', value: account });
      remember(parsed.data);
      return parsed.data;
    }),
    remove: (account) => guarded(() => keytar.deletePassword(service, account)),
    accounts: () => guarded(async () => (await keytar.findCredentials(service)).map((c) => c.account).sort()),
  };
}

/** Once a key is in memory, every log line is scrubbed of it. */
function remember(c: ExchangeCredentials): void {
  globalSecrets.register(c.apiKey);
  globalSecrets.register(c.secret);
  globalSecrets.register(c.password);
}

/** The service name for app secrets that are not exchange keys (kept apart, so the keys list shows only exchanges). */
export const SECRETS_SERVICE = 'Quorum secrets';

/** One named secret in the OS keychain (e.g. the kill-switch webhook's HMAC key), loaded lazily like the keys. */
export function keychainSecret(name: string, keytar: KeytarLike = lazyKeytar(), service = SECRETS_SERVICE): SecretSlot {
  return {
    get: () => guarded(async () => {
      const value = (await keytar.getPassword(service, name)) ?? undefined;
      if (value) globalSecrets.register(value);
      return value;
    }),
    set: (secret) => guarded(async () => {
      globalSecrets.register(secret);
      await keytar.setPassword(service, name, secret);
    }),
  };
}
