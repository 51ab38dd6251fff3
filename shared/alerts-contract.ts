// Contract schemas for alert channels (Settings) and the alerts centre: list, add (secrets travel one way, to the
// engine and on to the OS keychain; no reply ever carries one), remove, send a test, and every alert with its
// delivery state on each channel (alert_deliveries). The engine side is electron/engine/alerts.
import { z } from 'zod';
import { AlertLevelSchema, AlertSchema } from './domain';
import { text } from './bounds';

export const ALERT_CHANNEL_KINDS = ['webhook', 'slack', 'discord', 'telegram', 'email'] as const;
export const AlertChannelKindSchema = z.enum(ALERT_CHANNEL_KINDS);
export type AlertChannelKind = z.infer<typeof AlertChannelKindSchema>;

/** A channel's name: also its keychain slot's ("alert-channel:NAME"). */
export const ChannelName = z.string().min(1).max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, '1-64 letters, digits, ".", "_" or "-", starting with a letter or digit');

/** Quiet hours in whole hours, start included, end excluded, wrapping midnight when start > end (22–07). */
export const QuietHoursInputSchema = z.object({
  start: z.number().int().min(0).max(23),
  end: z.number().int().min(0).max(23),
  tz: z.enum(['local', 'utc']),
}).strict().refine((q) => q.start !== q.end, { message: 'quiet hours need different start and end hours', path: ['end'] });
export type QuietHoursInput = z.infer<typeof QuietHoursInputSchema>;

const Common = {
  name: ChannelName,
  /** Alerts below this level are not sent on the channel (default warning). */
  minLevel: AlertLevelSchema.optional(),
  quiet: QuietHoursInputSchema.optional(),
  enabled: z.boolean().optional(),
};

/** The incoming-webhook URL is the secret (Slack's and Discord's carry their token). */
const SecretUrl = text(2_048).min(1);
const urlChannel = <K extends 'webhook' | 'slack' | 'discord'>(kind: K) => z.object({ kind: z.literal(kind), ...Common, url: SecretUrl }).strict();

export const AlertChannelAddSchema = z.discriminatedUnion('kind', [
  urlChannel('webhook'),
  urlChannel('slack'),
  urlChannel('discord'),
  z.object({
    kind: z.literal('telegram'), ...Common,
    /** The bot token (secret), as @BotFather gives it. */
    token: text(256).min(1),
    chatId: text(64).min(1),
    /** The Bot API's base URL (default https://api.telegram.org). */
    baseUrl: text(2_048).optional(),
  }).strict(),
  z.object({
    kind: z.literal('email'), ...Common,
    host: text(255).min(1),
    port: z.number().int().min(1).max(65_535).optional(),
    user: text(256).optional(),
    /** The SMTP password (secret). */
    pass: text(256).optional(),
    from: text(320).min(3),
    to: z.array(text(320).min(3)).min(1).max(20),
  }).strict(),
]);
export type AlertChannelAdd = z.infer<typeof AlertChannelAddSchema>;

export const ChannelNameRequestSchema = z.object({ name: ChannelName }).strict();

/** A channel as listed: its settings and where it sends, never its secret. */
export const AlertChannelViewSchema = z.object({
  name: z.string(),
  kind: AlertChannelKindSchema,
  enabled: z.boolean(),
  minLevel: AlertLevelSchema,
  quiet: z.object({ start: z.number().int(), end: z.number().int(), tz: z.enum(['local', 'utc']) }).optional(),
  /** Where it sends, safe to show: a URL's origin, a chat, a mail server and its recipients. */
  target: z.string(),
  createdAt: z.number().int(),
  /** Deliveries waiting (or on their way) and failed for good, and the last one sent. */
  queued: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  lastSentAt: z.number().int().optional(),
});
export type AlertChannelView = z.infer<typeof AlertChannelViewSchema>;

export const AlertChannelRemovedSchema = z.object({
  removed: z.boolean(),
  /** What became of the keychain slot; 'failed' leaves it behind (error says why). */
  secret: z.enum(['removed', 'none', 'failed']),
  error: z.string().optional(),
});

/** A test message's outcome: not delivering is an answer, not a failed request. */
export const AlertChannelTestSchema = z.object({
  delivered: z.boolean(),
  ms: z.number().nonnegative().optional(),
  /** ALERT_SEND_TIMEOUT, ALERT_SEND_HTTP, ALERT_SECRET_MISSING… (see electron/engine/alerts/errors.ts). */
  code: z.string().optional(),
  /** What went wrong, secrets masked. */
  error: z.string().optional(),
});
export type AlertChannelTest = z.infer<typeof AlertChannelTestSchema>;

export const DELIVERY_STATES = ['queued', 'sending', 'sent', 'failed', 'suppressed'] as const;

export const AlertDeliverySchema = z.object({
  channel: z.string(),
  kind: AlertChannelKindSchema,
  state: z.enum(DELIVERY_STATES),
  attempts: z.number().int().nonnegative(),
  /** When it is (or was last) due. */
  nextAt: z.number().int(),
  sentAt: z.number().int().optional(),
  /** Identical alerts counted into this message. */
  repeats: z.number().int().nonnegative(),
  /** The last failure (masked): on a failed row, or a queued one waiting for its retry. */
  error: z.string().optional(),
  /** Why a suppressed row was not sent: quiet hours, a duplicate, the channel disabled. */
  reason: z.string().optional(),
});
export type AlertDeliveryView = z.infer<typeof AlertDeliverySchema>;

export const AlertWithDeliveriesSchema = AlertSchema.extend({ deliveries: z.array(AlertDeliverySchema) });
export type AlertWithDeliveries = z.infer<typeof AlertWithDeliveriesSchema>;

export const AlertsCentreRequestSchema = z.object({ limit: z.number().int().positive().max(500).default(100) }).strict();
