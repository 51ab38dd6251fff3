// Risk on the status page: kill switch (latched, re-armed only by typing the word) and every circuit breaker.
import { useState } from 'react';
import { formatTime } from '../format';
import { useRiskStore } from '../state/risk-store';

export function RiskPanel() {
  const { risk, error, rearmKillSwitch, rearmBreaker } = useRiskStore();
  const [confirm, setConfirm] = useState('');
  if (!risk) return null;
  const ks = risk.killSwitch;
  return (
    <section data-testid="risk-panel">
      <h2>Risk</h2>
      {error && <p className="error" role="alert" data-testid="risk-error">{error}</p>}
      <div className="panel">
        {ks.isTripped ? (
          <div data-testid="kill-switch-tripped">
            <p><strong className="error-text">Kill switch latched: {ks.mode}</strong> — {ks.reason} (by {ks.source}{ks.trippedAt ? `, ${formatTime(ks.trippedAt)}` : ''}). It stays on across restarts until you re-arm it.</p>
            <div className="row">
              <input placeholder='type REARM to confirm' value={confirm} onChange={(e) => setConfirm(e.target.value)} data-testid="rearm-confirm" />
              <button onClick={() => { void rearmKillSwitch(confirm); setConfirm(''); }} data-testid="rearm-button">Re-arm trading</button>
            </div>
          </div>
        ) : (
          <p data-testid="kill-switch-armed">Kill switch armed (not tripped).</p>
        )}
      </div>
      <table className="grid" data-testid="breakers">
        <thead><tr><th>Circuit breaker</th><th>State</th><th>Reason</th><th>Re-arms</th><th /></tr></thead>
        <tbody>
          {risk.breakers.map((b) => (
            <tr key={b.name}>
              <td>{b.name}</td>
              <td className={b.isTripped ? 'error-text' : ''}>{b.isTripped ? 'tripped' : 'ok'}</td>
              <td>{b.reason ?? ''}</td>
              <td className="mono">{b.rearmAt ? formatTime(b.rearmAt) : ''}</td>
              <td>{b.isTripped && <button onClick={() => void rearmBreaker(b.name)}>Re-arm</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
