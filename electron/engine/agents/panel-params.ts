// Loose CLI/sweep params ("thresholds.enter=0.25", "allowShort=true") turned into panel settings.
import type { StrategyParams } from '../strategies/params';
import { parsePanelSettings, type PanelSettings, type PanelSettingsInput } from './settings';

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

export function panelSettingsFromParams(params: StrategyParams): PanelSettings {
  return parsePanelSettings(nestParams(params) as PanelSettingsInput);
}
