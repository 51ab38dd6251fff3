// Schema v6: alerts leave the app. Channels (webhook, Slack, Discord, Telegram, email) hold their settings without
// secrets (those live in the OS keychain); each alert gets one delivery row per channel, queued here so a restart
// loses none, retried with backoff, and folded into a count while the same alert keeps firing.
import type { Migration } from './types';

export const alertDelivery: Migration = {
  version: 6,
  name: 'alert channels and deliveries',
  sql: `
CREATE TABLE alert_channels (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('webhook', 'slack', 'discord', 'telegram', 'email')),
  -- JSON without secrets: minimum level, quiet hours, base URL override, addresses, SMTP host and port.
  config TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);

CREATE TABLE alert_deliveries (
  id INTEGER PRIMARY KEY,
  alert_id INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  channel_id INTEGER NOT NULL REFERENCES alert_channels(id) ON DELETE CASCADE,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'suppressed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,
  sent_at INTEGER,
  last_error TEXT,
  -- Same source and message within the dedupe window: one delivery, later ones counted into it.
  dedupe_key TEXT NOT NULL,
  repeats INTEGER NOT NULL DEFAULT 0,
  UNIQUE (alert_id, channel_id)
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (state, next_at);
CREATE INDEX alert_deliveries_dedupe ON alert_deliveries (channel_id, dedupe_key, id);
`,
};
