// The alert channels: their settings in alert_channels (never a secret), their secrets in the keychain (one slot per
// channel), and a test message sent on demand.
import type { Database } from 'better-sqlite3';
import { ConfigError } from '../errors';
import {
  type AlertChannel, type AlertLevel, type ChannelKind, type ChannelSettings, type QuietHours,
  CHANNEL_KINDS, ChannelSettingsSchema, isLoopbackHost, needsSecret,
} from './channel-config';
import { AlertDeliveryError } from './errors';
import type { OutgoingAlert } from './message';
import type { AlertSecrets } from './secrets';
import { maskText } from './secrets';
import { sendOnChannel } from './transports';

export const DEFAULT_TELEGRAM_API = 'https://api.telegram.org';
export const DEFAULT_SMTP_PORT = 587;
/** Budget of a test message (the delivery worker has its own, DeliveryTuning.sendTimeoutMs). */
export const TEST_TIMEOUT_MS = 15_000;

interface CommonInput {
  name: string;
  /** Alerts below this level are not sent here (default 'warning'). */
  minLevel?: AlertLevel;
  quiet?: QuietHours;
  enabled?: boolean;
}

/** What a new channel needs, by kind; secrets included (they go to the keychain, the rest to the database). */
export type ChannelInput = CommonInput & (
  | { kind: 'webhook' | 'slack' | 'discord'; url: string }
  | { kind: 'telegram'; token: string; chatId: string; baseUrl?: string }
  | { kind: 'email'; host: string; port?: number; user?: string; pass?: string; from: string; to: string[] }
);

interface ChannelRow {
  id: number;
  name: string;
  kind: ChannelKind;
  config: string;
  enabled: number;
  created_at: number;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface RemoveResult {
  removed: boolean;
  /** What happened to the keychain slot: removed, there was none, or the keychain failed (the slot is left behind). */
  secret: 'removed' | 'none' | 'failed';
  error?: string;
}

export class AlertChannels {
  constructor(
    private readonly db: Database,
    private readonly secrets: AlertSecrets,
    private readonly now: () => number = Date.now,
  ) {}

  /** Stores a channel: the secret in its keychain slot first, then the settings (a name already taken is refused). */
  async add(input: ChannelInput): Promise<AlertChannel> {
    const { settings, secret } = validate(input);
    if (this.get(input.name)) throw new ConfigError(`An alert channel named "${input.name}" exists already; remove it first`, 'ALERT_CHANNEL_EXISTS', { field: 'name', value: input.name });
    if (secret !== undefined) await this.secrets.set(input.name, secret);
    const { kind, ...config } = settings;
    try {
      this.db.prepare('INSERT INTO alert_channels (name, kind, config, enabled, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(input.name, kind, JSON.stringify(config), input.enabled === false ? 0 : 1, this.now());
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new ConfigError(`An alert channel named "${input.name}" exists already; remove it first`, 'ALERT_CHANNEL_EXISTS', { field: 'name', value: input.name });
      }
      if (secret !== undefined) await this.secrets.remove(input.name).catch(() => false);
      throw err;
    }
    return this.get(input.name)!;
  }

  list(): AlertChannel[] {
    const rows = this.db.prepare('SELECT id, name, kind, config, enabled, created_at FROM alert_channels ORDER BY name').all() as ChannelRow[];
    return rows.map(toChannel).filter((c): c is AlertChannel => c !== undefined);
  }

  get(name: string): AlertChannel | undefined {
    const row = this.db.prepare('SELECT id, name, kind, config, enabled, created_at FROM alert_channels WHERE name = ?').get(name) as ChannelRow | undefined;
    return row ? toChannel(row) : undefined;
  }

  byId(id: number): AlertChannel | undefined {
    const row = this.db.prepare('SELECT id, name, kind, config, enabled, created_at FROM alert_channels WHERE id = ?').get(id) as ChannelRow | undefined;
    return row ? toChannel(row) : undefined;
  }

  /** The channel, or a ConfigError naming the ones there are. */
  require(name: string): AlertChannel {
    const channel = this.get(name);
    if (channel) return channel;
    const names = this.list().map((c) => c.name);
    throw new ConfigError(`No alert channel named "${name}"${names.length ? ` (there are: ${names.join(', ')})` : ' (none is set up: quorum alerts add …)'}`,
      'ALERT_CHANNEL_UNKNOWN', { field: 'name', value: name });
  }

  /** Deletes the channel (its delivery rows go with it), then its keychain slot. */
  async remove(name: string): Promise<RemoveResult> {
    const channel = this.get(name);
    if (!channel) return { removed: false, secret: 'none' };
    this.db.prepare('DELETE FROM alert_channels WHERE id = ?').run(channel.id);
    if (!needsSecret(channel.settings)) return { removed: true, secret: 'none' };
    try {
      return { removed: true, secret: (await this.secrets.remove(name)) ? 'removed' : 'none' };
    } catch (err) {
      return { removed: true, secret: 'failed', error: err instanceof Error ? err.message : String(err) };
    }
  }

  /** Turns a channel on or off; turning it off drops what it still had queued (recorded as suppressed). */
  setEnabled(name: string, enabled: boolean): AlertChannel {
    const channel = this.require(name);
    this.db.transaction(() => {
      this.db.prepare('UPDATE alert_channels SET enabled = ? WHERE id = ?').run(enabled ? 1 : 0, channel.id);
      if (!enabled) {
        this.db.prepare("UPDATE alert_deliveries SET state = 'suppressed', last_error = 'channel disabled' WHERE channel_id = ? AND state = 'queued'").run(channel.id);
      }
    })();
    return { ...channel, enabled };
  }

  /** The channel's secret from the keychain (registered with the log masker), or undefined when it needs none. */
  async secretOf(channel: AlertChannel): Promise<string | undefined> {
    return needsSecret(channel.settings) ? this.secrets.get(channel.name) : undefined;
  }

  /**
   * Sends a test message right now, whatever the channel's level, quiet hours or enabled flag, outside the queue.
   * Resolves with the time it took; rejects with an AlertDeliveryError (masked) saying what went wrong.
   */
  async sendTest(name: string, timeoutMs = TEST_TIMEOUT_MS): Promise<{ ms: number }> {
    const channel = this.require(name);
    const secret = await this.secretOf(channel);
    const message: OutgoingAlert = {
      alert: { id: 0, time: this.now(), level: 'info', source: 'quorum', message: `Test message: alerts reach this ${channel.settings.kind} channel ("${channel.name}").` },
      repeats: 0,
      test: true,
    };
    const started = Date.now();
    try {
      await sendOnChannel(channel, secret, message, { timeoutMs });
    } catch (err) {
      if (err instanceof AlertDeliveryError) throw err;
      throw new AlertDeliveryError(maskText(`${channel.settings.kind} channel "${name}": ${err instanceof Error ? err.message : String(err)}`, secret), 'ALERT_SEND_UNREACHABLE', { retryable: true });
    }
    return { ms: Date.now() - started };
  }
}

function toChannel(row: ChannelRow): AlertChannel | undefined {
  let config: unknown;
  try {
    config = JSON.parse(row.config);
  } catch {
    return undefined;
  }
  const parsed = ChannelSettingsSchema.safeParse({ ...(config as object), kind: row.kind });
  if (!parsed.success) return undefined;
  return { id: row.id, name: row.name, enabled: row.enabled === 1, createdAt: row.created_at, settings: parsed.data };
}

function invalid(message: string, field: string, value?: unknown): ConfigError {
  return new ConfigError(message, 'ALERT_CHANNEL_INVALID', { field, ...(value === undefined ? {} : { value }) });
}

/** An http(s) URL; plain http only to this machine unless `allowHttp` (a generic webhook on the trader's own network). */
function checkUrl(text: string, field: string, allowHttp: boolean, secret: boolean): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(`--${field} is not a valid URL`, field);
  }
  const shown = secret ? undefined : text;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(`--${field} must be an https:// URL`, field, shown);
  if (url.protocol === 'http:' && !allowHttp && !isLoopbackHost(url.hostname)) throw invalid(`--${field} must use https:// (plain http only to this machine)`, field, shown);
  if (url.username || url.password) throw invalid(`--${field} must not carry a user name or password`, field);
  return url;
}

/** A secret as given (a password may begin or end with a space), at least 4 characters: shorter cannot be masked in logs. */
function checkSecret(value: string | undefined, field: string): string {
  if (!value || value.trim().length < 4) throw invalid(`--${field} is required (at least 4 characters)`, field);
  return value;
}

function checkAddress(value: string, field: string): string {
  const v = value.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(v) && !/^[^<>]*<[^\s@]+@[^\s@]+>$/.test(v)) throw invalid(`--${field} "${v}" is not an e-mail address`, field, v);
  return v;
}

/** Splits what the trader gave into the stored settings and the secret (validated, with clear messages). */
export function validate(input: ChannelInput): { settings: ChannelSettings; secret?: string } {
  if (!NAME.test(input.name ?? '')) throw invalid('--name must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit', 'name', input.name);
  if (!(CHANNEL_KINDS as readonly string[]).includes(input.kind)) throw invalid(`Unknown channel kind "${String(input.kind)}" (one of ${CHANNEL_KINDS.join(', ')})`, 'kind', input.kind);
  const common = { minLevel: input.minLevel ?? 'warning', ...(input.quiet ? { quiet: input.quiet } : {}) } as const;
  switch (input.kind) {
    case 'webhook':
    case 'slack':
    case 'discord': {
      const url = checkUrl(checkSecret(input.url, 'url').trim(), 'url', input.kind === 'webhook', true);
      return { settings: { kind: input.kind, ...common, target: url.origin }, secret: url.href };
    }
    case 'telegram': {
      const token = checkSecret(input.token, 'token').trim();
      if (!/^\d+:[A-Za-z0-9_-]{8,}$/.test(token)) throw invalid('--token is not a Telegram bot token (digits, a colon, then letters, digits, "_" or "-", as @BotFather gives it)', 'token');
      const chatId = (input.chatId ?? '').trim();
      if (!/^(-?\d+|@[A-Za-z][A-Za-z0-9_]{4,})$/.test(chatId)) throw invalid('--chat-id must be a numeric chat id (e.g. 123456789 or -1001234567890) or a @channel name', 'chat-id', chatId);
      const base = checkUrl(input.baseUrl ?? DEFAULT_TELEGRAM_API, 'base-url', false, false);
      return { settings: { kind: 'telegram', ...common, chatId, baseUrl: base.href.replace(/\/+$/, '') }, secret: token };
    }
    case 'email': {
      const host = (input.host ?? '').trim();
      if (!/^[A-Za-z0-9.:[\]-]+$/.test(host)) throw invalid('--smtp-host is required (a host name or address)', 'smtp-host', host);
      const port = input.port ?? DEFAULT_SMTP_PORT;
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalid('--smtp-port must be a port number (465 for TLS, 587 for STARTTLS)', 'smtp-port', port);
      const from = checkAddress(input.from ?? '', 'from');
      const to = (input.to ?? []).flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean).map((t) => checkAddress(t, 'to'));
      if (to.length === 0) throw invalid('--to is required (one or more addresses, comma-separated)', 'to');
      const user = input.user?.trim() || undefined;
      if (user === undefined && input.pass) throw invalid('--smtp-pass needs --smtp-user', 'smtp-user');
      const pass = user === undefined ? undefined : checkSecret(input.pass, 'smtp-pass');
      return { settings: { kind: 'email', ...common, host, port, ...(user ? { user } : {}), from, to }, secret: pass };
    }
  }
}
