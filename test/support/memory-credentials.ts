// An in-process CredentialStore for engine tests that do not exercise the keychain itself (test/integration/keychain.test.ts does).
import type { CredentialStore, ExchangeCredentials } from '../../electron/engine/credentials';

export function memoryCredentials(): CredentialStore {
  const entries = new Map<string, ExchangeCredentials>();
  return {
    save: async (account, credentials) => void entries.set(account, credentials),
    load: async (account) => entries.get(account),
    remove: async (account) => entries.delete(account),
    accounts: async () => [...entries.keys()].sort(),
  };
}
