// The votes behind one decision, readable at a glance: each agent's direction as an arrow and colour, its confidence
// as a bar, its reasons below; the veto and the final action on top. Raw numbers are in each row's hover title.
// Every line has a fixed height (reasons one line each, a fixed number of them per agent, the veto line always there):
// a live session replaces the decision on every bar, and the rows must not jump while the trader reads them.
import type { Decision, Vote } from '../../../../shared/domain';
import { formatTime } from '../../format';

/** Below this |direction| an agent is counted neutral (the aggregator's own dead band is wider). */
const NEUTRAL = 0.05;

function lean(v: Vote): { label: string; icon: string; tone: 'long' | 'short' | 'flat' | 'abstained' } {
  if (v.abstained) return { label: 'abstained', icon: '–', tone: 'abstained' };
  if (v.direction > NEUTRAL) return { label: 'long', icon: '▲', tone: 'long' };
  if (v.direction < -NEUTRAL) return { label: 'short', icon: '▼', tone: 'short' };
  return { label: 'neutral', icon: '●', tone: 'flat' };
}

const ACTION_ICON: Record<Decision['action'], string> = { buy: '▲', sell: '▼', exit: '◆', hold: '■' };

/** Reason lines each agent's row keeps room for; the rest are clipped, named in the "+n more" title (each line has its own). */
const REASON_LINES = 3;

function AgentRow({ vote }: { vote: Vote }) {
  const l = lean(vote);
  const raw = `direction ${vote.direction.toFixed(4)} · confidence ${vote.confidence.toFixed(4)}${vote.abstained ? ' · abstained' : ''}`;
  return (
    <li className={`vote-row ${l.tone}`} data-testid={`desk-vote-${vote.agent}`} title={raw} aria-label={`${vote.agent}: ${l.label}, confidence ${Math.round(vote.confidence * 100)}%`}>
      <div className="vote-head">
        <span className="vote-icon" aria-hidden="true">{l.icon}</span>
        <strong>{vote.agent}</strong>
        <span className="vote-lean">{l.label}</span>
        <span className="vote-conf" aria-hidden="true"><span style={{ width: `${Math.round(vote.confidence * 100)}%` }} /></span>
        <span className="vote-pct">{Math.round(vote.confidence * 100)}%</span>
      </div>
      <div className="vote-reasons">
        {vote.reasons.map((r, i) => <div key={i} className="reason" title={r}>{r}</div>)}
        {/* Over the last line's end, so the count coming and going moves nothing. */}
        {vote.reasons.length > REASON_LINES && (
          <span className="vote-more" title={vote.reasons.slice(REASON_LINES).join('\n')}>+{vote.reasons.length - REASON_LINES} more</span>
        )}
      </div>
    </li>
  );
}

/** The words that differ where the panel sits: the Desk follows the latest decision, the Chart the bar under the cursor. */
export interface VotesPanelText {
  idleTitle: string;
  unpin: string;
  unpinLabel: string;
  empty: string;
  pinnedEmpty: string;
}

const DESK_TEXT: VotesPanelText = {
  idleTitle: 'Latest decision',
  unpin: 'Follow latest',
  unpinLabel: 'Unpin the bar, follow the latest decision',
  empty: 'No decision yet: the panel votes when the next candle closes.',
  pinnedEmpty: 'No decision on this bar (it came before the session\'s run).',
};

export function VotesPanel({ decision, pinned, onUnpin, text = DESK_TEXT }: { decision?: Decision; pinned?: { time: number }; onUnpin: () => void; text?: VotesPanelText }) {
  const title = pinned ? `Pinned bar ${formatTime(pinned.time)}` : text.idleTitle;
  return (
    // Focusable: the list scrolls, and keyboard users must be able to scroll it too.
    <aside className="desk-votes" aria-label="Votes" data-testid="desk-votes" tabIndex={0}>
      <div className="desk-votes-title">
        <h3>{title}</h3>
        {pinned && <button onClick={onUnpin} aria-label={text.unpinLabel} data-testid="desk-unpin">{text.unpin}</button>}
      </div>
      {!decision ? (
        <p className="muted" data-testid="desk-votes-empty">
          {pinned ? text.pinnedEmpty : text.empty}
        </p>
      ) : (
        <>
          <p className={`final ${decision.action}`} data-testid="desk-final" title={`score ${decision.score.toFixed(4)}`}>
            <span aria-hidden="true">{ACTION_ICON[decision.action]}</span> <strong data-testid="desk-final-action">{decision.action.toUpperCase()}</strong>
            <span className="muted"> {formatTime(decision.time)}</span>
          </p>
          <p className="muted small desk-score">
            score {decision.score.toFixed(3)}
            {decision.regime && <> · regime {decision.regime}</>}
            {decision.alignment && <> · bull/bear {decision.alignment}</>}
          </p>
          {decision.veto
            ? <p className="veto" data-testid="desk-veto" role="note" title={decision.veto}><span aria-hidden="true">⊘</span> Vetoed: {decision.veto}</p>
            : <p className="veto none muted">No veto</p>}
          <ul className="vote-list" aria-label="Agent votes">
            {decision.votes.map((v) => <AgentRow key={v.agent} vote={v} />)}
          </ul>
        </>
      )}
    </aside>
  );
}
