// Schema v7: the kill-switch webhook remembers the signatures it accepted until their timestamps go stale, so a
// request captured before a restart cannot be replayed after it.
import type { Migration } from './types';

export const webhookReplays: Migration = {
  version: 7,
  name: 'kill-switch webhook replay cache',
  sql: `
CREATE TABLE webhook_replays (
  signature TEXT PRIMARY KEY,
  -- When the entry may be forgotten: the request's timestamp would be refused as stale by then.
  expires_at INTEGER NOT NULL
);
CREATE INDEX webhook_replays_expiry ON webhook_replays (expires_at);
`,
};
