// Settings page: emergency-stop behaviour, paper cash, and the agent panel's weights and thresholds (validated by the engine).
import { useEffect, useState } from 'react';
import type { Settings } from '../../../shared/settings';
import { useEngineStore } from '../state/engine-store';

export function SettingsPage() {
  const client = useEngineStore((s) => s.client);
  const [settings, setSettings] = useState<Settings>();
  const [panelText, setPanelText] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();

  useEffect(() => {
    if (!client) return;
    void client.request('settings.get', {}).then((s) => { setSettings(s); setPanelText(JSON.stringify(s.panel, null, 2)); });
  }, [client]);
  if (!client || !settings) return <p className="muted">Loading settings…</p>;

  const save = async (patch: Parameters<typeof client.request<'settings.update'>>[1]) => {
    try {
      const next = await client.request('settings.update', patch);
      setSettings(next);
      setPanelText(JSON.stringify(next.panel, null, 2));
      setMessage({ ok: true, text: 'Saved.' });
    } catch (err) {
      setMessage({ ok: false, text: err instanceof Error ? err.message : String(err) });
    }
  };
  const savePanel = () => {
    try {
      void save({ panel: JSON.parse(panelText) as Record<string, unknown> });
    } catch {
      setMessage({ ok: false, text: 'The panel settings are not valid JSON.' });
    }
  };
  return (
    <section className="page">
      <h2>Settings</h2>
      {message && <p className={message.ok ? 'notice' : 'error'} role="status" data-testid="settings-message">{message.text}</p>}
      <section className="panel">
        <label><input type="checkbox" checked={settings.flattenOnEmergencyStop} onChange={(e) => { setSettings({ ...settings, flattenOnEmergencyStop: e.target.checked }); void save({ flattenOnEmergencyStop: e.target.checked }); }} data-testid="flatten-on-stop" /> Emergency stop also closes every position at market (flatten)</label>
        <div className="row">
          <label>Emergency-stop hotkey <input defaultValue={settings.emergencyStopHotkey} onBlur={(e) => void save({ emergencyStopHotkey: e.target.value })} /></label>
          <label>Paper cash <input type="number" defaultValue={settings.paperCash} onBlur={(e) => void save({ paperCash: Number(e.target.value) })} /></label>
        </div>
        <p className="muted">Live trading: {settings.liveArmedAccounts.length ? `armed for ${settings.liveArmedAccounts.join(', ')}` : 'disarmed'} (arm per account on the Trade page).</p>
      </section>
      <section className="panel">
        <h3>Agent panel</h3>
        <p className="muted">Agent periods and weights, regime weights, enter/exit thresholds and time budgets. A bad value is refused with its field named.</p>
        <textarea className="mono json" rows={24} value={panelText} onChange={(e) => setPanelText(e.target.value)} data-testid="panel-json" />
        <div className="row"><button onClick={savePanel} data-testid="panel-save">Save panel settings</button></div>
      </section>
    </section>
  );
}
