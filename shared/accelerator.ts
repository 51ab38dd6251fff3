// Electron accelerator strings ("CommandOrControl+Shift+K"): modifiers, then exactly one key code, as Electron documents
// them. The emergency-stop hotkey is registered globally, so a bare letter would steal it from every other app.

const MODIFIERS = new Set(
  ['Command', 'Cmd', 'Control', 'Ctrl', 'CommandOrControl', 'CmdOrCtrl', 'Alt', 'Option', 'AltGr', 'Shift', 'Super', 'Meta'].map((m) => m.toLowerCase()),
);

const NAMED_KEYS = new Set(
  [
    'Plus', 'Space', 'Tab', 'Capslock', 'Numlock', 'Scrolllock', 'Backspace', 'Delete', 'Insert', 'Return', 'Enter',
    'Up', 'Down', 'Left', 'Right', 'Home', 'End', 'PageUp', 'PageDown', 'Escape', 'Esc', 'VolumeUp', 'VolumeDown',
    'VolumeMute', 'MediaNextTrack', 'MediaPreviousTrack', 'MediaStop', 'MediaPlayPause', 'PrintScreen',
    'numdec', 'numadd', 'numsub', 'nummult', 'numdiv',
  ].map((k) => k.toLowerCase()),
);

function isKeyCode(key: string): boolean {
  if (/^[A-Za-z0-9]$/.test(key)) return true;
  if (/^[)!@#$%^&*(:;<=>?_~{}|"',./`[\]\\-]$/.test(key)) return true;
  if (/^F([1-9]|1[0-9]|2[0-4])$/i.test(key)) return true;
  if (/^num[0-9]$/i.test(key)) return true;
  return NAMED_KEYS.has(key.toLowerCase());
}

/** At least one modifier (or a function key alone), then one key code; nothing else. */
export function isAccelerator(value: string): boolean {
  if (value.length === 0 || value.length > 80) return false;
  // "+" as the key is written "Plus"; a trailing "+" would leave an empty part.
  const parts = value.split('+');
  if (parts.some((p) => p.length === 0)) return false;
  const key = parts[parts.length - 1];
  const modifiers = parts.slice(0, -1);
  if (!isKeyCode(key) || MODIFIERS.has(key.toLowerCase())) return false;
  if (!modifiers.every((m) => MODIFIERS.has(m.toLowerCase()))) return false;
  if (new Set(modifiers.map((m) => m.toLowerCase())).size !== modifiers.length) return false;
  return modifiers.length > 0 || /^F([1-9]|1[0-9]|2[0-4])$/i.test(key);
}
