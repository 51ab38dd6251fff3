// The global emergency-stop hotkey: registered at start, re-registered when the setting changes, and a conflict
// (another app holds the keys) reported as such — the previous hotkey stays in force rather than none at all.
import type { NewAlert } from '../engine/store/alerts-repo';

export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export class EmergencyHotkey {
  private current?: string;

  constructor(
    private readonly shortcuts: GlobalShortcutLike,
    private readonly onPress: () => void,
    private readonly raiseAlert: (alert: NewAlert) => void,
  ) {}

  get registered(): string | undefined {
    return this.current;
  }

  /** Takes `accelerator`; returns whether it is now the hotkey in force. */
  use(accelerator: string): boolean {
    if (accelerator === this.current) return true;
    const previous = this.current;
    if (previous) this.shortcuts.unregister(previous);
    let taken = false;
    try {
      taken = this.shortcuts.register(accelerator, this.onPress);
    } catch {
      taken = false; // Electron throws on a malformed accelerator; the settings schema should have refused it already
    }
    if (taken) {
      this.current = accelerator;
      return true;
    }
    const restored = previous !== undefined && this.shortcuts.register(previous, this.onPress);
    this.current = restored ? previous : undefined;
    const fallback = restored ? `; ${previous} still works` : '; use the tray menu';
    this.raiseAlert({ level: 'warning', source: 'hotkey', message: `The emergency-stop hotkey ${accelerator} is taken by another app${fallback}, or choose another in Settings` });
    return false;
  }
}
