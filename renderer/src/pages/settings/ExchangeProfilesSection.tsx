// Exchange profiles in Settings: keys go once to the engine and on to the OS keychain (the form forgets them at once,
// nothing shows them again); each saved profile can be tested — one signed call, accepted or refused, with its round
// trip — or removed. Arming live trading stays on the Trade page.
import { useEffect, useState, type ReactNode } from 'react';
import type { ConnectionTest } from '../../../../shared/connection-test-contract';
import { requests, type RequestPayload } from '../../../../shared/contract';
import { formatTime } from '../../format';
import { EngineRequestError } from '../../api/client';
import { useEngineStore } from '../../state/engine-store';
import '../ops.css';

interface Form { account: string; apiKey: string; secret: string; password: string }
const EMPTY: Form = { account: 'binance', apiKey: '', secret: '', password: '' };
type Errors = Partial<Record<keyof Form | 'form', string>>;
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The payload as the contract takes it (an empty passphrase left out), or the field errors its schema finds. */
function checked(form: Form): { payload?: RequestPayload<'credentials.set'>; errors: Errors } {
  const input = { account: form.account.trim(), apiKey: form.apiKey, secret: form.secret, ...(form.password ? { password: form.password } : {}) };
  const parsed = requests['credentials.set'].request.safeParse(input);
  if (parsed.success) return { payload: parsed.data, errors: {} };
  const errors: Errors = {};
  for (const issue of parsed.error.issues) errors[(String(issue.path[0] ?? 'form') as keyof Errors)] ??= issue.message;
  return { errors };
}

export function ExchangeProfilesSection() {
  const client = useEngineStore((s) => s.client);
  const [profiles, setProfiles] = useState<string[]>();
  const [unavailable, setUnavailable] = useState<string>();
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [notice, setNotice] = useState<string>();
  const [tests, setTests] = useState<Record<string, ConnectionTest | 'testing'>>({});

  const refresh = async () => {
    if (!client) return;
    try {
      setProfiles((await client.request('credentials.list', {})).map((a) => a.account));
      setUnavailable(undefined);
    } catch (err) {
      setProfiles([]);
      setUnavailable(messageOf(err));
    }
  };
  useEffect(() => void refresh(), [client]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!client) return null;

  const save = async () => {
    const { payload, errors: found } = checked(form);
    setErrors(found);
    if (!payload) return;
    try {
      await client.request('credentials.set', payload);
      // The renderer keeps no copy once the engine has them.
      setForm({ ...EMPTY, account: payload.account });
      setNotice(`Keys for ${payload.account} saved in the OS keychain.`);
      const { [payload.account]: _stale, ...rest } = tests;
      setTests(rest);
      await refresh();
    } catch (err) {
      setErrors(err instanceof EngineRequestError && err.field ? { [err.field]: err.message } : { form: messageOf(err) });
    }
  };
  const remove = async (account: string) => {
    try {
      const { deleted } = await client.request('credentials.delete', { account });
      setNotice(deleted ? `Keys for ${account} removed from the OS keychain.` : `No keys for ${account}.`);
      await refresh();
    } catch (err) {
      setErrors({ form: messageOf(err) });
    }
  };
  const test = async (account: string) => {
    setTests((t) => ({ ...t, [account]: 'testing' }));
    let outcome: ConnectionTest;
    try {
      outcome = await client.request('credentials.test', { account });
    } catch (err) {
      outcome = { account, ok: false, failure: 'exchange', message: messageOf(err), testedAt: Date.now() };
    }
    setTests((t) => ({ ...t, [account]: outcome }));
  };

  const field = (key: keyof Form, label: string, input: ReactNode) => (
    <label>{label}{input}{errors[key] && <span className="field-error" role="alert" data-testid={`profile-error-${key}`}>{errors[key]}</span>}</label>
  );
  const input = (key: keyof Form, opts: { secret?: boolean; placeholder?: string } = {}) => (
    <input type={opts.secret ? 'password' : 'text'} autoComplete="off" spellCheck={false} value={form[key]} placeholder={opts.placeholder}
      aria-invalid={errors[key] ? true : undefined} onChange={(e) => setForm({ ...form, [key]: e.target.value })} data-testid={`profile-${key}`} />
  );
  return (
    <section className="panel" data-testid="exchange-profiles">
      <h3>Exchange profiles</h3>
      <p className="muted">API keys go to the OS keychain and are never shown again. Give a key the rights to read and trade, never to withdraw. Test makes one signed request with the stored keys.</p>
      {unavailable && <p className="error" role="status" data-testid="profiles-unavailable">Keys cannot be stored here: {unavailable}</p>}
      {notice && <p className="notice" role="status" data-testid="profiles-notice">{notice}</p>}
      <ProfileTable profiles={profiles} tests={tests} onTest={(a) => void test(a)} onRemove={(a) => void remove(a)} />
      <div className="row form-row">
        {field('account', 'Profile', input('account', { placeholder: 'binance or binance:main' }))}
        {field('apiKey', 'API key', input('apiKey', { secret: true }))}
        {field('secret', 'Secret', input('secret', { secret: true }))}
        {field('password', 'Passphrase (if the exchange has one)', input('password', { secret: true }))}
        <button disabled={!form.apiKey || !form.secret} onClick={() => void save()} data-testid="profile-save">Save to keychain</button>
      </div>
      {errors.form && <p className="error" role="alert" data-testid="profile-error-form">{errors.form}</p>}
    </section>
  );
}

function ProfileTable({ profiles, tests, onTest, onRemove }: {
  profiles?: string[];
  tests: Record<string, ConnectionTest | 'testing'>;
  onTest: (account: string) => void;
  onRemove: (account: string) => void;
}) {
  if (!profiles) return <p className="muted">Loading profiles…</p>;
  if (profiles.length === 0) return <p className="muted" data-testid="no-profiles">No keys stored: paper trading needs none.</p>;
  return (
    <table className="grid" data-testid="profile-table">
      <thead><tr><th>Profile</th><th>Connection</th><th /></tr></thead>
      <tbody>
        {profiles.map((account) => {
          const t = tests[account];
          return (
            <tr key={account} data-testid={`profile-row-${account}`}>
              <td className="mono">{account}</td>
              <td>
                {t === undefined && <span className="muted">not tested</span>}
                {t === 'testing' && <span className="test-result muted">Testing…</span>}
                {t !== undefined && t !== 'testing' && (
                  <span className={`test-result ${t.ok ? 'gain' : 'loss'}`} data-testid={`profile-test-result-${account}`} data-ok={String(t.ok)} title={formatTime(t.testedAt)}>
                    {t.ok ? 'Connected' : `Failed${t.failure ? ` (${t.failure})` : ''}`}: {t.message}
                  </span>
                )}
              </td>
              <td>
                <div className="row">
                  <button onClick={() => onTest(account)} disabled={t === 'testing'} data-testid={`profile-test-${account}`}>Test connection</button>
                  <button className="danger" onClick={() => onRemove(account)} data-testid={`profile-remove-${account}`}>Remove keys</button>
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
