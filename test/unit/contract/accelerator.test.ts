// The emergency-stop hotkey must be an Electron accelerator a global shortcut can take.
import { describe, expect, it } from 'vitest';
import { isAccelerator } from '../../../shared/accelerator';

describe('isAccelerator', () => {
  it.each(['CommandOrControl+Shift+K', 'CmdOrCtrl+Alt+F12', 'Ctrl+Shift+Plus', 'Alt+F4', 'F9', 'Super+Space', 'Shift+num5', 'Control+/'])('accepts %s', (a) => {
    expect(isAccelerator(a)).toBe(true);
  });
  it.each(['', 'K', 'Shift', 'Ctrl+', '+K', 'Ctrl++', 'Ctrl+Shift+Ctrl+K', 'Ctrl+KK', 'Ctrl+\u0000', 'Hyper+K', 'Ctrl+F25', `Ctrl+${'A'.repeat(100)}`])('refuses %j', (a) => {
    expect(isAccelerator(a)).toBe(false);
  });
});
