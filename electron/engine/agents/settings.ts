// The agent panel's settings: the schema lives in shared/ (the UI edits it); parsing with named errors lives here.
import { ConfigError } from '../errors';
import { PanelSettingsSchema, type PanelSettings, type PanelSettingsInput } from '../../../shared/panel-settings';

export { QuantSettingsSchema, TrendCaseSettingsSchema, RegimeSettingsSchema, RiskAuditSettingsSchema, PanelWeightsSchema, ThresholdsSchema, AlignmentSettingsSchema, BudgetSettingsSchema, PanelSettingsSchema, DEFAULT_PANEL_SETTINGS } from '../../../shared/panel-settings';
export type { PanelSettings, PanelSettingsInput } from '../../../shared/panel-settings';

/** Time budget for one agent: its own entry if set, else the default. */
export function budgetFor(settings: PanelSettings, agent: string): number {
  return settings.budgets.perAgentMs[agent] ?? settings.budgets.defaultMs;
}

/** Validates panel settings (missing fields take defaults); a bad value fails naming the setting. */
export function parsePanelSettings(input: PanelSettingsInput | PanelSettings = {}): PanelSettings {
  const result = PanelSettingsSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = ['panel', ...issue.path.map(String)].join('.');
  throw new ConfigError(`invalid panel setting ${field}: ${issue.message}`, 'CONFIG_INVALID', { field });
}
