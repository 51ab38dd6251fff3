// Every circuit breaker: armed or tripped with its reason, a live countdown to its re-arm, its measure as a bar.
import type { RiskStateView } from '../../../../shared/risk-contract';
import { formatTime } from '../../format';
import { useRiskStore } from '../../state/risk-store';
import { timeLeft, useNow } from './countdown';
import { UseBar } from './UseBar';

/** What each measuring breaker's bar shows. */
const MEASURE: Record<string, string> = { 'max-drawdown': 'Drawdown from peak', 'daily-loss': 'Loss today', 'consecutive-losses': 'Losing streak' };

export function BreakerBoard({ risk }: { risk: RiskStateView }) {
  const rearmBreaker = useRiskStore((s) => s.rearmBreaker);
  const now = useNow();
  return (
    <section className="panel" aria-labelledby="risk-breakers-title" data-testid="risk-breakers">
      <h3 id="risk-breakers-title">Circuit breakers</h3>
      <ul className="breaker-list">
        {risk.breakers.map((b) => {
          const id = `${b.account ?? 'global'}-${b.name}`;
          const who = b.account ? ` on ${b.account}` : '';
          return (
            <li key={id} className={`breaker ${b.isTripped ? 'tripped' : 'armed'}`} data-testid={`breaker-${b.name}`}>
              <div className="breaker-head">
                <strong>{b.name}</strong>
                {b.account && <span className="muted">{b.account}</span>}
                <span className={b.isTripped ? 'badge-tripped' : 'badge-armed'} data-testid={`breaker-${b.name}-state`}>{b.isTripped ? 'TRIPPED' : 'armed'}</span>
              </div>
              {b.isTripped && (
                <div className="breaker-trip">
                  <p data-testid={`breaker-${b.name}-reason`}>{b.reason}{b.trippedAt ? ` (at ${formatTime(b.trippedAt)})` : ''}</p>
                  {b.rearmAt !== undefined && (
                    <p>
                      Re-arms by itself in <span className="mono" role="timer" aria-label={`${b.name}${who} re-arms in`} data-testid={`breaker-${b.name}-countdown`}>{timeLeft(b.rearmAt - now)}</span>
                      <span className="muted"> ({formatTime(b.rearmAt)})</span>
                    </p>
                  )}
                  <button onClick={() => void rearmBreaker(b.name, b.account)} aria-label={`Re-arm ${b.name}${who} now`} data-testid={`breaker-${b.name}-rearm`}>Re-arm now</button>
                </div>
              )}
              {b.use && <UseBar label={MEASURE[b.name] ?? b.name} use={b.use} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
