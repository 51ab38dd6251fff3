// User settings: one zod schema with defaults (paper mode, live trading disarmed); the store and the UI both use it.
import { z } from 'zod';
import { TradingModeSchema } from './domain';
import { PanelSettingsSchema } from './panel-settings';
import { BreakerSettingsSchema, RiskLimitsSchema } from './risk-settings';
import { Accelerator, ExchangeId } from './bounds';
import { deepPartialStrict } from './deep-partial';

/** The signed kill-switch webhook of the desktop app: off by default, 127.0.0.1 only, its secret in the keychain. */
const WebhookSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  port: z.number().int().min(1024).max(65_535).default(8788),
});

const RiskSettingsSchema = z.object({ limits: RiskLimitsSchema.prefault({}), breakers: BreakerSettingsSchema.prefault({}) });

export const SettingsSchema = z.object({
  mode: TradingModeSchema.default('paper'),
  /** Live order sending is armed only by an explicit action, never by editing settings (true if any account is). */
  liveArmed: z.boolean().default(false),
  /** Exchange accounts (e.g. "binance" or "binance:main") armed for live orders, each by its own explicit action. */
  liveArmedAccounts: z.array(z.string()).default([]),
  defaultExchange: ExchangeId.default('binance'),
  /** Emergency stop: also close every position at market, not only cancel orders and halt. */
  flattenOnEmergencyStop: z.boolean().default(false),
  emergencyStopHotkey: Accelerator.default('CommandOrControl+Shift+K'),
  theme: z.enum(['dark', 'light']).default('dark'),
  /** Starting cash for paper trading, in the quote currency. */
  paperCash: z.number().positive().max(1e12).default(10_000),
  /** Which releases the desktop app updates to. */
  updateChannel: z.enum(['stable', 'beta']).default('stable'),
  /** Closing the window keeps Quorum running in the tray (sessions and the kill switch stay watched). */
  closeToTray: z.boolean().default(true),
  /** Set once the "still running in the tray" notice was shown (engine-internal, not a user setting). */
  trayNoticeShown: z.boolean().default(false),
  /** The agent panel: every agent's periods and weights, regime weights, thresholds, time budgets. */
  panel: PanelSettingsSchema.prefault({}),
  /** Exposure limits (applied at once) and circuit-breaker thresholds and cooldowns (applied at the next start). */
  risk: RiskSettingsSchema.prefault({}),
  killSwitchWebhook: WebhookSettingsSchema.prefault({}),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** What a settings update may change: everything except arming live trading. */
export const SettingsPatchSchema = SettingsSchema.omit({ liveArmed: true, liveArmedAccounts: true, trayNoticeShown: true })
  .extend({
    mode: TradingModeSchema,
    defaultExchange: ExchangeId,
    flattenOnEmergencyStop: z.boolean(),
    emergencyStopHotkey: Accelerator,
    theme: z.enum(['dark', 'light']),
    paperCash: z.number().positive().max(1e12),
    updateChannel: z.enum(['stable', 'beta']),
    closeToTray: z.boolean(),
    /** A partial panel or risk section (unknown keys refused): merged into the stored one, then validated whole. */
    panel: deepPartialStrict(PanelSettingsSchema),
    risk: deepPartialStrict(RiskSettingsSchema),
    killSwitchWebhook: deepPartialStrict(WebhookSettingsSchema),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});
