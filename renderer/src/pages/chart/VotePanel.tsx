// The decision on one bar with every agent's vote: direction, confidence and the reasons with their numbers.
import type { StoredDecision } from '../../../../shared/runs-contract';
import { formatTime } from '../../format';

function directionLabel(d: number): string {
  if (d > 0.05) return `long ${d.toFixed(2)}`;
  if (d < -0.05) return `short ${d.toFixed(2)}`;
  return `neutral ${d.toFixed(2)}`;
}

export function VotePanel({ decision }: { decision?: StoredDecision }) {
  if (!decision) return <aside className="votes muted">Point at a bar to see its votes.</aside>;
  return (
    <aside className="votes" data-testid="vote-panel">
      <h3>{formatTime(decision.time)}</h3>
      <p>
        Decision <strong data-testid="decision-action">{decision.action}</strong>, score {decision.score.toFixed(3)}
        {decision.alignment && <> · bull/bear {decision.alignment}</>}
      </p>
      {decision.veto && <p className="error">Vetoed: {decision.veto}</p>}
      <ul>
        {decision.votes.map((v) => (
          <li key={v.agent} className={v.abstained ? 'abstained' : ''} data-testid={`vote-${v.agent}`}>
            <div><strong>{v.agent}</strong> {v.abstained ? 'abstained' : directionLabel(v.direction)} · confidence {v.confidence.toFixed(2)}</div>
            {v.reasons.map((r) => <div key={r} className="reason">{r}</div>)}
          </li>
        ))}
      </ul>
    </aside>
  );
}
