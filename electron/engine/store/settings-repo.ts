// Settings persisted in SQLite, one row per key, always read back through the zod schema with defaults.
import type { Database } from 'better-sqlite3';
import { DEFAULT_SETTINGS, SettingsSchema, SettingsPatchSchema, type Settings } from '../../../shared/settings';
import { describeIssues } from '../../../shared/issues';
import { deepMerge } from '../../../shared/deep-merge';
import { ConfigError } from '../errors';
import type { Logger } from '../log/logger';

export class SettingsRepository {
  constructor(
    private readonly db: Database,
    private readonly log?: Logger,
  ) {}

  /** Stored values over defaults; a stored value that no longer validates falls back to its default, kept on disk. */
  load(): Settings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const { key, value } of rows) {
      if (!(key in DEFAULT_SETTINGS)) continue;
      const candidate = { ...DEFAULT_SETTINGS, [key]: safeJson(value) };
      const parsed = SettingsSchema.safeParse(candidate);
      if (parsed.success) merged[key] = parsed.data[key as keyof Settings];
      else this.log?.warn({ setting: key, stored: value }, 'stored setting is invalid; using its default');
    }
    return SettingsSchema.parse(merged);
  }

  /** Validates a patch (naming the bad field), writes it in one transaction and returns the new settings. */
  update(patch: unknown): Settings {
    const parsed = SettingsPatchSchema.safeParse(patch);
    if (!parsed.success) {
      const { message, field } = describeIssues(parsed.error);
      throw new ConfigError(`Invalid setting: ${message}`, 'SETTINGS_INVALID', { field });
    }
    const { panel, risk, killSwitchWebhook, ...rest } = parsed.data;
    const values: Partial<Settings> = { ...rest };
    if (panel) values.panel = this.merged('panel', panel);
    if (risk) values.risk = this.merged('risk', risk);
    if (killSwitchWebhook) values.killSwitchWebhook = this.merged('killSwitchWebhook', killSwitchWebhook);
    this.write(values);
    return this.load();
  }

  /** Deep-merges a partial nested section into the stored one and validates the result, naming the bad field. */
  private merged<K extends 'panel' | 'risk' | 'killSwitchWebhook'>(key: K, patch: unknown): Settings[K] {
    const merged = SettingsSchema.shape[key].safeParse(deepMerge(this.load()[key], patch));
    if (!merged.success) {
      const { message, field } = describeIssues(merged.error);
      throw new ConfigError(`Invalid ${key} setting: ${message}`, 'SETTINGS_INVALID', { field: field ? `${key}.${field}` : key });
    }
    return merged.data as Settings[K];
  }

  /** Engine-internal writes (e.g. arming live trading), bypassing the user patch schema but not validation. */
  setInternal(values: Partial<Settings>): Settings {
    const next = SettingsSchema.parse({ ...this.load(), ...values });
    this.write(Object.fromEntries(Object.keys(values).map((k) => [k, next[k as keyof Settings]])));
    return next;
  }

  private write(values: Partial<Settings>): void {
    const upsert = this.db.prepare(
      'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    );
    const now = Date.now();
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(values)) if (value !== undefined) upsert.run(key, JSON.stringify(value), now);
    })();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // not JSON: let the schema reject it and name the key
  }
}
