// Exchange API credentials: the interface the engine uses; the OS keychain behind it is wired by the shell.
import { z } from 'zod';

export const ExchangeCredentialsSchema = z.object({
  apiKey: z.string().min(4),
  secret: z.string().min(4),
  /** Some exchanges (OKX, KuCoin…) also need a passphrase. */
  password: z.string().min(4).optional(),
});
export type ExchangeCredentials = z.infer<typeof ExchangeCredentialsSchema>;

/** Keys live only here (the OS keychain): never in SQLite, never in a log line, never sent to the renderer. */
export interface CredentialStore {
  save(account: string, credentials: ExchangeCredentials): Promise<void>;
  load(account: string): Promise<ExchangeCredentials | undefined>;
  remove(account: string): Promise<boolean>;
  accounts(): Promise<string[]>;
}
