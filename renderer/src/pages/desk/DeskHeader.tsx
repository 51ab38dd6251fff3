// The Desk's header strip: mode (a red banner whenever a live session runs), exchange, engine and kill-switch state,
// and P&L today over every session. The emergency stop is the app's top bar's, one click away on every page.
import type { SessionView } from '../../../../shared/desk-contract';
import { formatDuration } from '../../format';
import { useDeskStore } from '../../state/desk-store';
import { useEngineStore } from '../../state/engine-store';
import { useRiskStore } from '../../state/risk-store';
import { money, signed } from './numbers';

function exchangeState(sessions: SessionView[], breakerTripped: boolean): { text: string; tone: 'ok' | 'warn' | 'bad' | 'idle'; title?: string } {
  const failing = sessions.filter((s) => s.error);
  if (failing.length > 0) return { text: 'errors', tone: 'bad', title: failing.map((s) => `session ${s.id}: ${s.error}`).join('\n') };
  if (breakerTripped) return { text: 'error rate high', tone: 'warn' };
  if (sessions.length === 0) return { text: 'idle', tone: 'idle', title: 'No session polls an exchange' };
  return { text: 'connected', tone: 'ok' };
}

export function DeskHeader() {
  const desk = useDeskStore((s) => s.status);
  const sessions = desk?.sessions ?? [];
  const { status, error, transport } = useEngineStore();
  const risk = useRiskStore((s) => s.risk);
  const live = sessions.filter((s) => s.request.mode === 'live');
  const ks = risk?.killSwitch;
  const exchange = exchangeState(sessions, risk?.breakers.some((b) => b.isTripped && b.name === 'exchange-errors') ?? false);
  const pnlToday = sessions.reduce((sum, s) => sum + (s.pnlToday ?? 0), 0);
  return (
    <>
      {live.length > 0 && (
        <div className="live-banner" role="status" data-testid="desk-live-banner">
          LIVE TRADING — {live.length} session{live.length > 1 ? 's' : ''} sending real orders ({[...new Set(live.map((s) => s.request.account))].join(', ')})
        </div>
      )}
      <section className="desk-strip" aria-label="Desk status">
        <div className={`strip-item mode ${live.length > 0 ? 'live' : 'paper'}`} data-testid="desk-mode-state">
          <span className="strip-label">Mode</span>
          <strong>{live.length > 0 ? 'LIVE' : status?.mode === 'live' ? 'LIVE (idle)' : 'PAPER'}</strong>
        </div>
        <div className={`strip-item ${exchange.tone}`} title={exchange.title} data-testid="desk-exchange-state">
          <span className="strip-label">Exchange</span><strong>{exchange.text}</strong>
        </div>
        <div className={`strip-item engine ${error ? 'bad' : status ? 'ok' : 'idle'}`} data-testid="desk-engine-state" title={error}>
          <span className="strip-label">Engine</span>
          <strong>{error ? 'disconnected' : status ? `up ${formatDuration(status.uptimeMs)}` : 'connecting…'}</strong>
          {status && <span className="muted small"> {status.host} · {transport}</span>}
        </div>
        <div className={`strip-item ${ks?.isTripped ? 'bad' : 'ok'}`} data-testid="desk-kill-switch" title={ks?.reason}>
          <span className="strip-label">Kill switch</span>
          <strong>{!ks ? '…' : ks.isTripped ? `TRIPPED (${ks.mode})` : 'armed'}</strong>
        </div>
        <div className={`strip-item pnl ${pnlToday > 0 ? 'ok' : pnlToday < 0 ? 'bad' : 'idle'}`} data-testid="desk-pnl-today"
          title="Equity change of every running session since 00:00 UTC (or since it started)">
          <span className="strip-label">P&amp;L today</span>
          <strong className={pnlToday > 0 ? 'gain' : pnlToday < 0 ? 'loss' : ''}>{signed(pnlToday)}</strong>
          <span className="muted small"> over {sessions.length} session{sessions.length === 1 ? '' : 's'} · equity {money(sessions.reduce((sum, s) => sum + (s.equity ?? 0), 0))}</span>
        </div>
      </section>
    </>
  );
}
