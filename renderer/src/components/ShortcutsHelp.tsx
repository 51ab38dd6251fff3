// The shortcuts overlay (`?`): what each key does, the pages by number, and the emergency stop's global hotkey.
import { useEffect, useRef, useState } from 'react';
import { useEngineStore } from '../state/engine-store';

export function ShortcutsHelp({ pages, onClose }: { pages: readonly string[]; onClose(): void }) {
  const close = useRef<HTMLButtonElement>(null);
  const client = useEngineStore((s) => s.client);
  const [hotkey, setHotkey] = useState<string>();
  useEffect(() => close.current?.focus(), []);
  useEffect(() => {
    void client?.request('settings.get', {}).then((s) => setHotkey(s.emergencyStopHotkey), () => undefined);
  }, [client]);
  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" data-testid="shortcuts-help" onClick={(e) => e.stopPropagation()}>
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <table className="grid">
          <tbody>
            <tr><td><kbd>?</kbd></td><td>Show or hide this help</td></tr>
            <tr><td><kbd>Esc</kbd></td><td>Close it</td></tr>
            {pages.slice(0, 10).map((label, i) => (
              <tr key={label}><td><kbd>{i === 9 ? 0 : i + 1}</kbd></td><td>Open {label}</td></tr>
            ))}
            <tr>
              <td><kbd>{hotkey ?? 'the emergency-stop hotkey'}</kbd></td>
              <td>Emergency stop, from anywhere on the desktop (the tray menu has it too; set the keys in Settings)</td>
            </tr>
          </tbody>
        </table>
        <p className="muted">Keys typed into a field stay in the field.</p>
        <button ref={close} onClick={onClose} data-testid="shortcuts-close">Close</button>
      </div>
    </div>
  );
}
