// The Risk page: every limit with its use per account, every breaker with its countdown, the kill switch and re-arm.
// Live over risk.changed; limit use (which moves with every order and price) is also read again every 2 s.
import { useEffect } from 'react';
import { useRiskStore } from '../state/risk-store';
import { BreakerBoard } from './risk/BreakerBoard';
import { KillSwitchCard } from './risk/KillSwitchCard';
import { LimitUsage } from './risk/LimitUsage';
import './risk/risk.css';

const STATE_TEXT = { active: 'Active: every order is checked against the limits', reducing: 'Exits only: new entries are stopped', halted: 'Halted: nothing is sent but the kill switch’s own closing orders' };

export function RiskPage() {
  const { risk, error, refresh } = useRiskStore();
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 2_000);
    return () => clearInterval(timer);
  }, [refresh]);
  if (!risk) return <section className="page"><h2>Risk</h2><p className="muted" data-testid="risk-loading">Reading the risk state…</p></section>;
  return (
    <section className="page risk-page" data-testid="risk-page">
      <h2>Risk</h2>
      <p className={`risk-state ${risk.tradingState}`} data-testid="risk-trading-state">{STATE_TEXT[risk.tradingState]}</p>
      {error && <p className="error" role="alert" data-testid="risk-error">{error}</p>}
      <div className="risk-grid">
        <KillSwitchCard risk={risk} />
        <BreakerBoard risk={risk} />
      </div>
      <LimitUsage risk={risk} />
    </section>
  );
}
