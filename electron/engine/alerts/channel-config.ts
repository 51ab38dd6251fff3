// An alert channel's settings, without its secret: where alerts go, from which level, and when to keep quiet.
//
// Quiet hours: `start`–`end` in whole hours, start included, end excluded, wrapping midnight when start > end
// (22–07 is 22:00 to 06:59). `tz` says whose clock: 'local' is the time zone of the machine running Quorum (the
// engine's process), 'utc' is UTC. They are judged when the alert is raised: an alert raised inside them is recorded
// as 'suppressed' and never sent (it stays in the app's alert list) — except a critical one, which always goes out
// (a kill switch or a breaker tripping at 3 am is what a trader wants to be woken for). A message already queued
// before the quiet hours began (a retry, a repeat summary) still goes out.
import { z } from 'zod';
import { AlertLevelSchema, type Alert } from '../../../shared/domain';
import { ConfigError } from '../errors';

export const CHANNEL_KINDS = ['webhook', 'slack', 'discord', 'telegram', 'email'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export type AlertLevel = Alert['level'];

const LEVEL_RANK: Record<AlertLevel, number> = { info: 0, warning: 1, critical: 2 };

/** A channel takes alerts of its minimum level and above. */
export function levelPasses(level: AlertLevel, minimum: AlertLevel): boolean {
  return LEVEL_RANK[level] >= LEVEL_RANK[minimum];
}

export const QuietHoursSchema = z.object({
  start: z.number().int().min(0).max(23),
  end: z.number().int().min(0).max(23),
  tz: z.enum(['local', 'utc']),
}).refine((q) => q.start !== q.end, { message: 'quiet hours need different start and end hours' });
export type QuietHours = z.infer<typeof QuietHoursSchema>;

/** Whether `at` (ms) falls inside the quiet hours. */
export function inQuietHours(q: QuietHours, at: number): boolean {
  const date = new Date(at);
  const hour = q.tz === 'utc' ? date.getUTCHours() : date.getHours();
  return q.start < q.end ? hour >= q.start && hour < q.end : hour >= q.start || hour < q.end;
}

/** "22-07", "22:00-07:00" or "7-9" in the given clock. */
export function parseQuietHours(text: string, tz: QuietHours['tz'] = 'local'): QuietHours {
  const m = /^\s*(\d{1,2})(?::00)?\s*-\s*(\d{1,2})(?::00)?\s*$/.exec(text);
  const parsed = m ? QuietHoursSchema.safeParse({ start: Number(m[1]), end: Number(m[2]), tz }) : undefined;
  if (!parsed?.success) {
    throw new ConfigError(`Quiet hours "${text}" must be START-END in whole hours 0-23, different from each other (e.g. 22-07)`, 'ALERT_CHANNEL_INVALID', { field: 'quiet', value: text });
  }
  return parsed.data;
}

export function quietHoursText(q: QuietHours): string {
  const hh = (h: number) => String(h).padStart(2, '0');
  return `${hh(q.start)}-${hh(q.end)} ${q.tz}`;
}

const Common = {
  minLevel: AlertLevelSchema,
  quiet: QuietHoursSchema.optional(),
};

/** The settings kept in alert_channels.config (JSON, never a secret), by kind. */
export const ChannelSettingsSchema = z.discriminatedUnion('kind', [
  // The URL is the secret (Slack's and Discord's carry their token; a generic one may): only its origin is kept, for lists.
  z.object({ kind: z.literal('webhook'), ...Common, target: z.string() }),
  z.object({ kind: z.literal('slack'), ...Common, target: z.string() }),
  z.object({ kind: z.literal('discord'), ...Common, target: z.string() }),
  // The bot token is the secret; the chat and the API base (https://api.telegram.org unless overridden) are not.
  z.object({ kind: z.literal('telegram'), ...Common, chatId: z.string().min(1), baseUrl: z.string() }),
  // The SMTP password is the secret. Port 465 is TLS from the start; others upgrade with STARTTLS, which is required
  // with a login unless the server is this machine (a local relay, or the tests' server).
  z.object({
    kind: z.literal('email'), ...Common,
    host: z.string().min(1), port: z.number().int().min(1).max(65535), user: z.string().min(1).optional(),
    from: z.string().min(3), to: z.array(z.string().min(3)).min(1),
  }),
]);
export type ChannelSettings = z.infer<typeof ChannelSettingsSchema>;

export interface ChannelRecord {
  id: number;
  name: string;
  enabled: boolean;
  createdAt: number;
}

/** A stored channel: its settings and identity; the secret stays in the keychain. */
export type AlertChannel = ChannelRecord & { settings: ChannelSettings };

/** Whether this kind of channel cannot work without a secret (email works without a login on a local relay). */
export function needsSecret(settings: ChannelSettings): boolean {
  return settings.kind !== 'email' || settings.user !== undefined;
}

/** Where a channel sends, safe to print (no secret): an origin, a chat, a mail server and its recipients. */
export function channelTarget(settings: ChannelSettings): string {
  switch (settings.kind) {
    case 'webhook':
    case 'slack':
    case 'discord':
      return settings.target;
    case 'telegram':
      return `chat ${settings.chatId} via ${settings.baseUrl}`;
    case 'email':
      return `${settings.to.join(', ')} via ${settings.host}:${settings.port}`;
  }
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}
