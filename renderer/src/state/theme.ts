// The colour theme (Settings → App): set on <html> as data-theme, where the stylesheet's variables switch; charts
// read their colours from the same variables and are redrawn when it changes.
import { create } from 'zustand';
import type { Settings } from '../../../shared/settings';
import type { QuorumClient } from '../api/client';

export type Theme = Settings['theme'];

export const useThemeStore = create<{ theme: Theme }>(() => ({ theme: 'dark' }));

export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  useThemeStore.setState({ theme });
}

/** Follows the stored setting: at start and on every settings change. */
export function attachTheme(client: QuorumClient): void {
  client.on('settings.changed', (s) => applyTheme(s.theme));
  void client.request('settings.get', {}).then((s) => applyTheme(s.theme), () => undefined);
}

/** The chart colours of the theme now in force (the stylesheet's variables). */
export function chartColors(): { background: string; text: string; grid: string } {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return { background: v('--panel'), text: v('--chart-text'), grid: v('--chart-grid') };
}
