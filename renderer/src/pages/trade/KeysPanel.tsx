// Exchange keys (write-only: saved to the OS keychain, never shown again) and arming live trading per account.
import { useState } from 'react';
import { useDeskStore } from '../../state/desk-store';

export function KeysPanel() {
  const { accounts, armed, saveKeys, arm, disarm, keychainError } = useDeskStore();
  const [account, setAccount] = useState('binance');
  const [apiKey, setApiKey] = useState('');
  const [secret, setSecret] = useState('');
  const [confirm, setConfirm] = useState('');
  return (
    <section className="panel">
      <h3>Exchange accounts</h3>
      {keychainError && <p className="error" role="status" data-testid="keychain-error">Live trading is unavailable: {keychainError}</p>}
      <div className="row">
        <input value={account} onChange={(e) => setAccount(e.target.value)} aria-label="account" placeholder="binance or binance:main" />
        <input value={apiKey} onChange={(e) => setApiKey(e.target.value)} placeholder="API key" autoComplete="off" />
        <input type="password" value={secret} onChange={(e) => setSecret(e.target.value)} placeholder="secret" autoComplete="off" />
        <button disabled={!apiKey || !secret} onClick={() => { void saveKeys(account, apiKey, secret); setApiKey(''); setSecret(''); }}>Save to keychain</button>
      </div>
      <ul className="plain" data-testid="accounts">
        {accounts.map((a) => (
          <li key={a}>
            <strong>{a}</strong> — {armed.includes(a) ? <span className="error-text">LIVE ARMED</span> : 'paper only'}{' '}
            {armed.includes(a)
              ? <button onClick={() => void disarm(a)}>Disarm</button>
              : <>
                  <input value={confirm} onChange={(e) => setConfirm(e.target.value)} placeholder="type ARM LIVE" aria-label={`confirm arming ${a}`} />
                  <button onClick={() => { void arm(a, confirm); setConfirm(''); }}>Arm live trading</button>
                </>}
          </li>
        ))}
        {accounts.length === 0 && <li className="muted">No keys stored: paper trading needs none.</li>}
      </ul>
    </section>
  );
}
