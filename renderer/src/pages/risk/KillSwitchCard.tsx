// The kill switch: its latched state, a trip by mode (flatten only after typing FLATTEN), and re-arm by typing REARM.
import { useState } from 'react';
import type { KillMode, RiskStateView } from '../../../../shared/risk-contract';
import { formatTime } from '../../format';
import { useRiskStore } from '../../state/risk-store';

/** The word that confirms closing every position at market. */
export const FLATTEN_WORD = 'FLATTEN';

const MODES: { mode: KillMode; title: string; detail: string }[] = [
  { mode: 'stop-entries', title: 'Stop entries', detail: 'No new positions; exits and open orders stay.' },
  { mode: 'halt', title: 'Cancel only (halt)', detail: 'Cancels every open order and sends none; positions stay.' },
  { mode: 'flatten', title: 'Cancel and flatten', detail: 'Cancels every open order and closes every position at market, then halts.' },
];

/** Trips are escalations only: a latched switch offers the stronger modes. */
const RANK: Record<KillMode, number> = { 'stop-entries': 0, halt: 1, flatten: 2 };

export function KillSwitchCard({ risk }: { risk: RiskStateView }) {
  const { trip, rearmKillSwitch } = useRiskStore();
  const ks = risk.killSwitch;
  const offered = MODES.filter((m) => !ks.isTripped || !ks.mode || RANK[m.mode] > RANK[ks.mode]);
  const [mode, setMode] = useState<KillMode>('halt');
  const [reason, setReason] = useState('Tripped from the Risk page');
  const [typed, setTyped] = useState('');
  const [rearmWord, setRearmWord] = useState('');
  const chosen = offered.some((m) => m.mode === mode) ? mode : offered[0]?.mode;
  const needsWord = chosen === 'flatten';
  const canTrip = chosen !== undefined && reason.trim() !== '' && (!needsWord || typed === FLATTEN_WORD);
  return (
    <section className="panel" aria-labelledby="risk-kill-title" data-testid="risk-kill-switch">
      <h3 id="risk-kill-title">Kill switch</h3>
      {ks.isTripped ? (
        <div data-testid="kill-switch-tripped">
          <p><strong className="error-text" data-testid="kill-switch-mode">Latched: {ks.mode}</strong> — {ks.reason} (by {ks.source}{ks.trippedAt ? `, ${formatTime(ks.trippedAt)}` : ''}). It stays on across restarts until you re-arm it.</p>
          <div className="row">
            <label className="sr-only" htmlFor="rearm-confirm">Type REARM to confirm the re-arm</label>
            <input id="rearm-confirm" placeholder="type REARM to confirm" value={rearmWord} onChange={(e) => setRearmWord(e.target.value)} data-testid="rearm-confirm" />
            <button onClick={() => { void rearmKillSwitch(rearmWord); setRearmWord(''); }} data-testid="rearm-button">Re-arm trading</button>
          </div>
        </div>
      ) : (
        <p data-testid="kill-switch-armed">Armed: not tripped. Trading follows the limits and breakers.</p>
      )}
      {offered.length > 0 && chosen !== undefined && (
        <form className="kill-form" onSubmit={(e) => { e.preventDefault(); if (canTrip) { void trip(chosen, reason.trim()); setTyped(''); } }}>
          <fieldset>
            <legend>{ks.isTripped ? 'Escalate to' : 'Trip in mode'}</legend>
            {offered.map((m) => (
              <label key={m.mode} className="kill-mode">
                <input type="radio" name="kill-mode" value={m.mode} checked={chosen === m.mode} onChange={() => setMode(m.mode)} data-testid={`kill-mode-${m.mode}`} />
                <span><strong>{m.title}</strong> <span className="muted">{m.detail}</span></span>
              </label>
            ))}
          </fieldset>
          <label className="field">Reason
            <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} data-testid="kill-reason" />
          </label>
          {needsWord && (
            <label className="field">Type {FLATTEN_WORD} to close every position at market
              <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" data-testid="flatten-confirm" />
            </label>
          )}
          <button type="submit" className="danger" disabled={!canTrip} data-testid="kill-trip">
            {needsWord ? 'Cancel orders and flatten' : chosen === 'halt' ? 'Cancel orders and halt' : 'Stop entries'}
          </button>
        </form>
      )}
    </section>
  );
}
