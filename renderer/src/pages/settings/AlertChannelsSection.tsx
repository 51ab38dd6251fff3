// Alert channels in Settings: where alerts go beyond the app (webhook, Slack, Discord, Telegram, email), each with a
// minimum level and optional quiet hours. Secret fields (webhook URLs, bot tokens, SMTP passwords) are sent once to
// the engine, which keeps them in the OS keychain; the list shows only where a channel sends. Test sends a message now.
import { useEffect, useState, type ReactNode } from 'react';
import { ALERT_CHANNEL_KINDS, type AlertChannelKind, type AlertChannelView } from '../../../../shared/alerts-contract';
import { formatTime } from '../../format';
import { useAlertsStore, type FieldErrors } from '../../state/alerts-store';
import { useEngineStore } from '../../state/engine-store';
import '../ops.css';

const LEVELS = ['info', 'warning', 'critical'] as const;

interface Form {
  kind: AlertChannelKind;
  name: string;
  minLevel: (typeof LEVELS)[number];
  url: string;
  token: string;
  chatId: string;
  baseUrl: string;
  host: string;
  port: string;
  user: string;
  pass: string;
  from: string;
  to: string;
  quiet: boolean;
  quietStart: string;
  quietEnd: string;
  quietTz: 'local' | 'utc';
}

const EMPTY: Form = {
  kind: 'webhook', name: '', minLevel: 'warning', url: '', token: '', chatId: '', baseUrl: '', host: '', port: '587', user: '', pass: '',
  from: '', to: '', quiet: false, quietStart: '22', quietEnd: '7', quietTz: 'local',
};

/** The form as the contract's alerts.addChannel payload (empty optional fields left out). */
function payloadOf(f: Form): Record<string, unknown> {
  const common = {
    kind: f.kind, name: f.name.trim(), minLevel: f.minLevel,
    ...(f.quiet ? { quiet: { start: Number(f.quietStart), end: Number(f.quietEnd), tz: f.quietTz } } : {}),
  };
  switch (f.kind) {
    case 'telegram':
      return { ...common, token: f.token, chatId: f.chatId.trim(), ...(f.baseUrl.trim() ? { baseUrl: f.baseUrl.trim() } : {}) };
    case 'email':
      return {
        ...common, host: f.host.trim(), port: Number(f.port), ...(f.user.trim() ? { user: f.user.trim() } : {}), ...(f.pass ? { pass: f.pass } : {}),
        from: f.from.trim(), to: f.to.split(',').map((t) => t.trim()).filter(Boolean),
      };
    default:
      return { ...common, url: f.url.trim() };
  }
}

export function AlertChannelsSection() {
  const client = useEngineStore((s) => s.client);
  const { channels, tests, notice, error, attach, add, remove, test } = useAlertsStore();
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  useEffect(() => {
    if (client) attach(client);
  }, [client, attach]);
  const set = (patch: Partial<Form>) => setForm({ ...form, ...patch });
  const submit = async () => {
    const refused = await add(payloadOf(form));
    setErrors(refused ?? {});
    // The secret fields are cleared at once: the renderer keeps no copy once the engine has it.
    if (!refused) setForm({ ...EMPTY, kind: form.kind });
  };
  const field = (key: string, label: string, input: ReactNode) => (
    <label>{label}{input}{errors[key] && <span className="field-error" data-testid={`channel-error-${key}`}>{errors[key]}</span>}</label>
  );
  const text = (key: keyof Form, label: string, opts: { secret?: boolean; placeholder?: string } = {}) => field(key, label, (
    <input type={opts.secret ? 'password' : 'text'} autoComplete="off" value={form[key] as string} placeholder={opts.placeholder}
      onChange={(e) => set({ [key]: e.target.value } as Partial<Form>)} data-testid={`channel-${key}`} />
  ));
  return (
    <section className="panel" data-testid="alert-channels">
      <h3>Alert channels</h3>
      <p className="muted">Alerts at or above a channel&apos;s level go out on it; inside its quiet hours only critical ones do. Secrets go to the OS keychain and are never shown again.</p>
      {notice && <p className="notice" data-testid="channels-notice">{notice}</p>}
      {error && <p className="error" role="alert" data-testid="channels-error">{error}</p>}
      <ChannelTable channels={channels} tests={tests} onTest={(n) => void test(n)} onRemove={(n) => void remove(n)} />
      <div className="row form-row" data-testid="channel-form">
        {field('kind', 'Kind', (
          <select value={form.kind} onChange={(e) => { set({ kind: e.target.value as AlertChannelKind }); setErrors({}); }} data-testid="channel-kind">
            {ALERT_CHANNEL_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        ))}
        {text('name', 'Name', { placeholder: 'ops' })}
        {(form.kind === 'webhook' || form.kind === 'slack' || form.kind === 'discord') && text('url', 'Webhook URL (secret)', { secret: true, placeholder: 'https://…' })}
        {form.kind === 'telegram' && <>{text('token', 'Bot token (secret)', { secret: true })}{text('chatId', 'Chat id')}{text('baseUrl', 'API base URL', { placeholder: 'https://api.telegram.org' })}</>}
        {form.kind === 'email' && <>
          {text('host', 'SMTP host')}{text('port', 'Port')}{text('user', 'User')}{text('pass', 'Password (secret)', { secret: true })}
          {text('from', 'From')}{text('to', 'To (comma-separated)')}
        </>}
        {field('minLevel', 'Level and above', (
          <select value={form.minLevel} onChange={(e) => set({ minLevel: e.target.value as Form['minLevel'] })} data-testid="channel-minLevel">
            {LEVELS.map((l) => <option key={l} value={l}>{l}</option>)}
          </select>
        ))}
        <label className="inline"><input type="checkbox" checked={form.quiet} onChange={(e) => set({ quiet: e.target.checked })} data-testid="channel-quiet" /> Quiet hours</label>
        {form.quiet && <>
          {field('quiet.start', 'From hour', <input type="number" min={0} max={23} value={form.quietStart} onChange={(e) => set({ quietStart: e.target.value })} />)}
          {field('quiet.end', 'To hour', <input type="number" min={0} max={23} value={form.quietEnd} onChange={(e) => set({ quietEnd: e.target.value })} />)}
          <label>Clock<select value={form.quietTz} onChange={(e) => set({ quietTz: e.target.value as Form['quietTz'] })}><option value="local">local</option><option value="utc">UTC</option></select></label>
        </>}
        <button onClick={() => void submit()} data-testid="channel-add">Add channel</button>
      </div>
      {errors.form && <p className="error" role="alert" data-testid="channel-error-form">{errors.form}</p>}
    </section>
  );
}

function ChannelTable({ channels, tests, onTest, onRemove }: {
  channels: AlertChannelView[];
  tests: ReturnType<typeof useAlertsStore.getState>['tests'];
  onTest: (name: string) => void;
  onRemove: (name: string) => void;
}) {
  if (channels.length === 0) return <p className="muted" data-testid="no-channels">No alert channels: alerts stay in the app.</p>;
  return (
    <table className="grid" data-testid="channel-table">
      <thead><tr><th>Name</th><th>Kind</th><th>Sends to</th><th>Level</th><th>Quiet hours</th><th className="num">Queued</th><th className="num">Failed</th><th>Last sent</th><th /></tr></thead>
      <tbody>
        {channels.map((c) => {
          const t = tests[c.name];
          return (
            <tr key={c.name} data-testid={`channel-row-${c.name}`}>
              <td>{c.name}{!c.enabled && <span className="muted"> (off)</span>}</td>
              <td>{c.kind}</td>
              <td className="mono">{c.target}</td>
              <td>{c.minLevel}+</td>
              <td>{c.quiet ? `${c.quiet.start}–${c.quiet.end} ${c.quiet.tz}` : '—'}</td>
              <td className="num">{c.queued}</td>
              <td className="num">{c.failed}</td>
              <td className="mono">{c.lastSentAt ? formatTime(c.lastSentAt) : '—'}</td>
              <td>
                <div className="row">
                  <button onClick={() => onTest(c.name)} disabled={t === 'sending'} data-testid={`channel-test-${c.name}`}>Test</button>
                  <button className="danger" onClick={() => onRemove(c.name)} data-testid={`channel-remove-${c.name}`}>Remove</button>
                </div>
                {t && t !== 'sending' && (
                  <span className={`test-result ${t.delivered ? 'gain' : 'loss'}`} data-testid={`channel-test-result-${c.name}`} data-delivered={String(t.delivered)}>
                    {t.delivered ? `Test delivered in ${t.ms} ms` : `Test not delivered: ${t.error}`}
                  </span>
                )}
                {t === 'sending' && <span className="test-result muted">Sending a test…</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
