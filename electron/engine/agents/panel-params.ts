// Loose CLI/sweep params ("thresholds.enterLong=0.25", "allowShort=true") turned into panel settings.
import { deepMerge } from '../../../shared/deep-merge';
import type { StrategyParams } from '../strategies/params';
import { ConfigError } from '../errors';
import { DEFAULT_PANEL_SETTINGS, parsePanelSettings, type PanelSettings, type PanelSettingsInput } from './settings';

/** Dotted keys become nested objects; numeric and boolean text becomes numbers and booleans. */
export function nestParams(params: StrategyParams): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(params)) {
    if (raw === undefined) continue;
    const value = raw === 'true' ? true : raw === 'false' ? false : typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
    const path = key.split('.');
    let node = root;
    for (const part of path.slice(0, -1)) {
      const next = (node[part] ??= {}) as Record<string, unknown>;
      node = next;
    }
    node[path[path.length - 1]] = value;
  }
  return root;
}

/** `base` (the app's stored panel settings) overlaid with the run's params; an unknown param is named, not ignored. */
export function panelSettingsFromParams(params: StrategyParams, base?: PanelSettings): PanelSettings {
  for (const key of Object.keys(params)) assertKnownPath(key);
  return parsePanelSettings(deepMerge(base ?? {}, nestParams(params)) as PanelSettingsInput);
}

/** Open maps (per-agent budgets) take any key; everywhere else the path must exist in the defaults. */
const OPEN_MAPS = new Set(['budgets.perAgentMs']);

function assertKnownPath(key: string): void {
  let node: unknown = DEFAULT_PANEL_SETTINGS;
  const parts = key.split('.');
  for (const [i, part] of parts.entries()) {
    if (OPEN_MAPS.has(parts.slice(0, i).join('.'))) return;
    if (typeof node !== 'object' || node === null || !(part in node)) {
      throw new ConfigError(`panel: unknown setting ${key}`, 'CONFIG_INVALID', { field: key });
    }
    node = (node as Record<string, unknown>)[part];
  }
}
