// The emergency hotkey follows its setting and reports a conflict as one; the update policy never restarts the app
// under a live session or an open position without asking.
import { describe, expect, it, vi } from 'vitest';
import { EmergencyHotkey, type GlobalShortcutLike } from '../../../electron/shell/hotkey';
import { installOnQuit, nextCheckAt, quitNeedsConfirmation, UPDATE_CHECK_INTERVAL_MS, updaterChannel } from '../../../electron/shell/update-policy';

function shortcuts(taken: string[] = []) {
  const held = new Map<string, () => void>();
  const api: GlobalShortcutLike = {
    register: (a, cb) => (taken.includes(a) ? false : (held.set(a, cb), true)),
    unregister: (a) => void held.delete(a),
  };
  return { api, held };
}

describe('EmergencyHotkey', () => {
  it('registers, then moves to a new accelerator when the setting changes', () => {
    const { api, held } = shortcuts();
    const press = vi.fn();
    const hotkey = new EmergencyHotkey(api, press, vi.fn());
    expect(hotkey.use('CommandOrControl+Shift+K')).toBe(true);
    expect(hotkey.use('Alt+F12')).toBe(true);
    expect([...held.keys()]).toEqual(['Alt+F12']);
    held.get('Alt+F12')?.();
    expect(press).toHaveBeenCalledTimes(1);
  });

  it('keeps the previous hotkey and says so when the new one is taken by another app', () => {
    const { api, held } = shortcuts(['Alt+F4']);
    const alert = vi.fn();
    const hotkey = new EmergencyHotkey(api, vi.fn(), alert);
    hotkey.use('CommandOrControl+Shift+K');
    expect(hotkey.use('Alt+F4')).toBe(false);
    expect(hotkey.registered).toBe('CommandOrControl+Shift+K');
    expect([...held.keys()]).toEqual(['CommandOrControl+Shift+K']);
    expect(alert).toHaveBeenCalledWith(expect.objectContaining({ level: 'warning', source: 'hotkey', message: expect.stringMatching(/Alt\+F4 is taken by another app; CommandOrControl\+Shift\+K still works/) }));
  });

  it('points to the tray when the very first hotkey is taken', () => {
    const alert = vi.fn();
    const hotkey = new EmergencyHotkey(shortcuts(['CommandOrControl+Shift+K']).api, vi.fn(), alert);
    expect(hotkey.use('CommandOrControl+Shift+K')).toBe(false);
    expect(hotkey.registered).toBeUndefined();
    expect(alert.mock.calls[0][0].message).toMatch(/use the tray menu/);
  });
});

describe('update policy', () => {
  it('installs on quit only when nothing live is at stake, and asks otherwise', () => {
    expect(installOnQuit({ liveSessions: 0, openPositions: 0 })).toBe('install');
    expect(installOnQuit({ liveSessions: 1, openPositions: 0 })).toBe('ask');
    expect(installOnQuit({ liveSessions: 0, openPositions: 2 })).toBe('ask');
    expect(quitNeedsConfirmation({ liveSessions: 0, openPositions: 0 })).toBe(false);
    expect(quitNeedsConfirmation({ liveSessions: 0, openPositions: 1 })).toBe(true);
  });

  it('checks at start and every six hours, on the chosen channel', () => {
    expect(nextCheckAt(undefined, 1_000)).toBe(1_000);
    expect(nextCheckAt(1_000, 2_000)).toBe(1_000 + 6 * 3_600_000);
    expect(UPDATE_CHECK_INTERVAL_MS).toBe(21_600_000);
    expect(updaterChannel('stable')).toEqual({ channel: 'latest', allowPrerelease: false });
    expect(updaterChannel('beta')).toEqual({ channel: 'beta', allowPrerelease: true });
  });
});
