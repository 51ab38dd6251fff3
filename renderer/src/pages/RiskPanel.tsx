// Risk on the status page: a one-line summary (kill switch, tripped breakers) that opens the Risk page.
import { useNavStore } from '../state/nav-store';
import { useRiskStore } from '../state/risk-store';

export function RiskPanel() {
  const risk = useRiskStore((s) => s.risk);
  const go = useNavStore((s) => s.go);
  if (!risk) return null;
  const ks = risk.killSwitch;
  const tripped = risk.breakers.filter((b) => b.isTripped);
  return (
    <section data-testid="risk-panel">
      <h2>Risk</h2>
      <div className="panel row">
        <span data-testid="risk-summary">
          {ks.isTripped ? <strong className="error-text">Kill switch latched: {ks.mode}</strong> : 'Kill switch armed'}
          {' · '}
          {tripped.length === 0 ? `${risk.breakers.length} breakers armed` : <strong className="error-text">{tripped.length} breaker{tripped.length > 1 ? 's' : ''} tripped: {tripped.map((b) => b.name).join(', ')}</strong>}
        </span>
        <button onClick={() => go('risk')} data-testid="open-risk-page">Open the Risk page</button>
      </div>
    </section>
  );
}
