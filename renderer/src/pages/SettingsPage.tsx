// Settings page: emergency-stop behaviour, paper cash, and the agent panel's weights and thresholds (validated by the engine).
import { useEffect, useState } from 'react';
import type { AppInfo, ReplyValue } from '../../../shared/contract';
import { SettingsSchema, type Settings } from '../../../shared/settings';
import { SchemaForm } from '../components/SchemaForm';
import { useEngineStore } from '../state/engine-store';
import { AlertChannelsSection } from './settings/AlertChannelsSection';
import { DatabaseSection } from './settings/DatabaseSection';
import { ExchangeProfilesSection } from './settings/ExchangeProfilesSection';
import { LogsSection } from './settings/LogsSection';

export function SettingsPage() {
  const client = useEngineStore((s) => s.client);
  const [settings, setSettings] = useState<Settings>();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const [info, setInfo] = useState<AppInfo>();

  useEffect(() => {
    if (!client) return;
    void client.request('settings.get', {}).then(setSettings);
    void client.request('app.info', {}).then(setInfo);
  }, [client]);
  if (!client || !settings) return <p className="muted">Loading settings…</p>;

  const save = async (patch: Parameters<typeof client.request<'settings.update'>>[1]) => {
    try {
      const next = await client.request('settings.update', patch);
      setSettings(next);
      setMessage({ ok: true, text: 'Saved.' });
    } catch (err) {
      setMessage({ ok: false, text: err instanceof Error ? err.message : String(err) });
    }
  };
  const saveJson = (key: 'panel' | 'risk', text: string) => {
    try {
      void save({ [key]: JSON.parse(text) as Record<string, unknown> });
    } catch {
      setMessage({ ok: false, text: `The ${key} settings are not valid JSON.` });
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
      <AppSection client={client} settings={settings} info={info} save={save} />
      <DatabaseSection say={setMessage} />
      <LogsSection />
      <ExchangeProfilesSection />
      <WebhookSection client={client} settings={settings} save={save} say={setMessage} />
      <AlertChannelsSection />
      <SchemaForm id="risk" title="Risk limits and circuit breakers" schema={SettingsSchema.shape.risk} value={settings.risk}
        onSave={(v) => void save({ risk: v as Settings['risk'] })}
        help="Limits apply to the next order; breaker thresholds and cooldowns apply at the next start. Percentages are of equity." />
      <SchemaForm id="panel" title="Agent panel" schema={SettingsSchema.shape.panel} value={settings.panel}
        onSave={(v) => void save({ panel: v as Settings['panel'] })}
        help="Agent periods and weights, regime weights, enter/exit thresholds and time budgets, each checked as you type." />
      <JsonSection id="panel" title="Agent panel" value={settings.panel} onSave={(t) => saveJson('panel', t)}
        help="The same settings as JSON, to copy between machines. A bad value is refused with its field named." />
      <JsonSection id="risk" title="Risk limits and circuit breakers" value={settings.risk} onSave={(t) => saveJson('risk', t)}
        help="The same settings as JSON." />
    </section>
  );
}

/** A JSON editor for one nested settings section, folded away under its form; the engine validates what is saved. */
function JsonSection({ id, title, help, value, onSave }: { id: string; title: string; help: string; value: unknown; onSave: (text: string) => void }) {
  const [text, setText] = useState(() => JSON.stringify(value, null, 2));
  useEffect(() => setText(JSON.stringify(value, null, 2)), [value]);
  return (
    <details className="panel">
      <summary data-testid={`${id}-json-toggle`}>{title} as JSON</summary>
      <p className="muted">{help}</p>
      <textarea className="mono json" rows={20} value={text} onChange={(e) => setText(e.target.value)} aria-label={`${id} settings (JSON)`} data-testid={`${id}-json`} />
      <div className="row"><button onClick={() => onSave(text)} data-testid={`${id}-save`}>Save {title.toLowerCase()}</button></div>
    </details>
  );
}

type Client = NonNullable<ReturnType<typeof useEngineStore.getState>['client']>;

/** Where Quorum keeps its files and logs, the tray and updates (backups are in the Database section). */
function AppSection({ client, settings, info, save }: {
  client: Client; settings: Settings; info?: AppInfo;
  save: (patch: { closeToTray?: boolean; updateChannel?: 'stable' | 'beta'; theme?: Settings['theme'] }) => Promise<void>;
}) {
  return (
    <section className="panel" data-testid="app-section">
      <h3>App</h3>
      <p className="muted">Data folder <span className="mono">{info?.dataDir}</span>; logs in <span className="mono" data-testid="log-dir">{info?.logDir}</span>
        {info?.canOpenFolders && <> <button onClick={() => void client.request('app.openLogs', {})}>Open log folder</button></>}</p>
      <div className="row">
        <label><input type="checkbox" checked={settings.closeToTray} onChange={(e) => void save({ closeToTray: e.target.checked })} /> Closing the window keeps Quorum running in the tray</label>
        <label>Theme <select value={settings.theme} onChange={(e) => void save({ theme: e.target.value as Settings['theme'] })} data-testid="theme-select">
          <option value="dark">dark</option><option value="light">light</option>
        </select></label>
      </div>
      {info?.update && (
        <div className="row">
          <label>Updates <select value={settings.updateChannel} onChange={(e) => void save({ updateChannel: e.target.value as 'stable' | 'beta' })}>
            <option value="stable">stable</option><option value="beta">beta</option>
          </select></label>
          <span className="muted">{info.update.state}{info.update.version ? ` ${info.update.version}` : ''}{info.update.error ? `: ${info.update.error}` : ''}</span>
        </div>
      )}
    </section>
  );
}

type WebhookStatus = ReplyValue<'webhook.status'>;

/** The signed kill-switch webhook (desktop app): a tool such as a TradingView alert can halt Quorum from elsewhere. */
function WebhookSection({ client, settings, save, say }: {
  client: Client; settings: Settings;
  save: (patch: { killSwitchWebhook?: { enabled?: boolean; port?: number } }) => Promise<void>;
  say: (m: { ok: boolean; text: string }) => void;
}) {
  const [status, setStatus] = useState<WebhookStatus>();
  const [secret, setSecret] = useState('');
  const refresh = () => void client.request('webhook.status', {}).then(setStatus);
  useEffect(refresh, [client, settings.killSwitchWebhook.enabled, settings.killSwitchWebhook.port]);
  if (!status?.available) return null;
  const saveSecret = async () => {
    try {
      setStatus(await client.request('webhook.setSecret', { secret }));
      setSecret('');
      say({ ok: true, text: 'Webhook secret saved in the OS keychain.' });
    } catch (err) {
      say({ ok: false, text: err instanceof Error ? err.message : String(err) });
    }
  };
  return (
    <section className="panel" data-testid="webhook-section">
      <h3>Kill-switch webhook</h3>
      <p className="muted">A POST signed with HMAC-SHA256 (header x-quorum-signature) to 127.0.0.1 halts or flattens Quorum. Off by default.</p>
      <div className="row">
        <label><input type="checkbox" checked={settings.killSwitchWebhook.enabled} onChange={(e) => void save({ killSwitchWebhook: { enabled: e.target.checked } })} /> On</label>
        <label>Port <input type="number" defaultValue={settings.killSwitchWebhook.port} onBlur={(e) => void save({ killSwitchWebhook: { port: Number(e.target.value) } })} /></label>
        <label>Secret <input type="password" autoComplete="off" value={secret} placeholder={status.hasSecret ? '(stored in the keychain)' : 'at least 32 characters'} onChange={(e) => setSecret(e.target.value)} /></label>
        <button disabled={secret.length < 32} onClick={() => void saveSecret()}>Save secret</button>
      </div>
      <p className="muted">{status.running ? `Listening on ${status.url}` : status.enabled ? `Not running${status.error ? `: ${status.error}` : ''}` : 'Off'}</p>
    </section>
  );
}
