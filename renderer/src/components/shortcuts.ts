// Keyboard shortcuts of the app frame: `?` opens the help, Escape closes it, 1–9 and 0 open the first ten pages.
// Keys typed into a field, or with Ctrl/Alt/Cmd held, are the field's and the system's, never ours.
import { useEffect } from 'react';

export interface ShortcutActions {
  toggleHelp(): void;
  closeHelp(): void;
  /** Opens the page at this position in the tabs (0-based). */
  openPage(index: number): void;
}

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The page position a key opens: '1' → 0 … '9' → 8, '0' → 9. */
export function pageKey(key: string): number | undefined {
  if (!/^[0-9]$/.test(key)) return undefined;
  return key === '0' ? 9 : Number(key) - 1;
}

export function useShortcuts(actions: ShortcutActions): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') return actions.closeHelp();
      if (e.ctrlKey || e.metaKey || e.altKey || typingInto(e.target)) return;
      if (e.key === '?') {
        e.preventDefault();
        return actions.toggleHelp();
      }
      const page = pageKey(e.key);
      if (page !== undefined) actions.openPage(page);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}
