// The signed kill-switch webhook as a setting of the app (off by default, 127.0.0.1 only): started when the trader
// turns it on and a secret is in the keychain, restarted on a port change, stopped when turned off.
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { WebhookStatusSchema } from '../../../shared/contract';
import type { KillSwitch } from './kill-switch';
import { REPLAY_MEMORY_MS, startKillSwitchWebhook, type KillSwitchWebhook } from './webhook';
import { ReplayGuard, SqliteReplayCache, type ReplayCache } from './webhook-request';

/** Where the webhook's HMAC secret lives (the OS keychain in the desktop app); never the database or a log. */
export interface SecretSlot {
  get(): Promise<string | undefined>;
  set(secret: string): Promise<void>;
}

export interface WebhookSettings {
  enabled: boolean;
  port: number;
}

/** The contract's view of the webhook, less what only the engine knows (whether this host has a secret slot). */
export type WebhookStatus = Omit<z.infer<typeof WebhookStatusSchema>, 'available'>;

export interface WebhookServiceOptions {
  /** The engine's database: accepted signatures are kept there, so a request is refused after a restart too. */
  replays?: Database;
}

export class WebhookService {
  private server?: KillSwitchWebhook;
  /** One cache for every server this service starts: a port change or a new secret does not forget a signature. */
  private readonly replays: ReplayCache;
  private hasSecret = false;
  private error?: string;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly killSwitch: KillSwitch,
    private readonly secret: SecretSlot,
    private readonly settings: () => WebhookSettings,
    options: WebhookServiceOptions = {},
  ) {
    this.replays = options.replays ? new SqliteReplayCache(options.replays) : new ReplayGuard(REPLAY_MEMORY_MS);
  }

  /** Brings the server in line with the settings and the secret; serialized, so quick toggles cannot race. */
  reconcile(): Promise<void> {
    this.queue = this.queue.then(() => this.apply()).catch(() => undefined);
    return this.queue;
  }

  async setSecret(secret: string): Promise<WebhookStatus> {
    await this.secret.set(secret);
    await this.stop();
    await this.reconcile();
    return this.status();
  }

  status(): WebhookStatus {
    const { enabled } = this.settings();
    return { enabled, running: this.server !== undefined, url: this.server?.url, hasSecret: this.hasSecret, ...(this.error ? { error: this.error } : {}) };
  }

  async close(): Promise<void> {
    await this.queue;
    await this.stop();
  }

  private async apply(): Promise<void> {
    const { enabled, port } = this.settings();
    const secret = await this.secret.get().catch((err: unknown) => {
      this.error = `the keychain did not answer: ${err instanceof Error ? err.message : String(err)}`;
      return undefined;
    });
    this.hasSecret = secret !== undefined;
    if (!enabled || !secret) {
      await this.stop();
      if (enabled && !secret && !this.error) this.error = 'set a secret first (at least 32 characters)';
      if (!enabled) this.error = undefined;
      return;
    }
    if (this.server?.port === port) return;
    await this.stop();
    try {
      this.server = await startKillSwitchWebhook({ killSwitch: this.killSwitch, secret, port, replays: this.replays });
      this.error = undefined;
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  private async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.close();
  }
}
