// The centre of the Desk: the selected session's candle window with a marker per fill (entries and exits, with side,
// size and price), drawn as they fill; a click pins that bar's votes in the panel on the right.
import { CandleChart } from '../../chart/CandleChart';
import { formatTime } from '../../format';
import { useDeskStore } from '../../state/desk-store';
import { selectedView, useDeskPageStore } from '../../state/desk-page-store';

const noop = () => undefined;
/** The markers are the fills, never the decisions: one stable empty list keeps the chart from redrawing for nothing. */
const NO_DECISIONS: never[] = [];

export function SessionChart() {
  const { chart, selectedId, select, pin } = useDeskPageStore();
  const status = useDeskStore((s) => s.status);
  const sessions = status?.sessions ?? [];
  const view = selectedView(status, selectedId);
  const shown = 'value' in chart ? chart.value : undefined;
  return (
    <section className="desk-chart" aria-label="Session chart">
      <div className="desk-chart-bar">
        {sessions.length > 0 ? (
          <label>
            Session
            <select value={selectedId ?? ''} onChange={(e) => select(Number(e.target.value))} aria-label="Session on the chart" data-testid="desk-chart-session">
              {sessions.map((s) => <option key={s.id} value={s.id}>#{s.id} {s.request.symbol} {s.request.timeframe} {s.request.strategy} ({s.request.mode})</option>)}
            </select>
          </label>
        ) : <span className="muted">No session is running.</span>}
        {view && <span className="muted small desk-chart-info">{view.lastBarTime ? `last bar ${formatTime(view.lastBarTime)}` : 'warming up'}{shown ? ` · ${shown.candles.time.length} bars · ${shown.marks.length} fills marked` : ''}</span>}
        {/* Only a first load says so: a live session reloads on every bar, and a flickering word would move the bar. */}
        {chart.state === 'loading' && !shown && <span className="muted small" role="status">loading…</span>}
      </div>
      {chart.state === 'error' && <p className="error" role="alert" data-testid="desk-chart-error">{chart.error}</p>}
      {shown && shown.sessionId === selectedId ? (
        <div className="desk-chart-host" data-testid="desk-chart" data-bars={shown.candles.time.length} data-markers={shown.marks.length}>
          <CandleChart candles={shown.candles} decisions={NO_DECISIONS} trades={shown.marks} onBar={noop} onPick={(t) => void pin(t)} keepView={shown.sessionId} />
        </div>
      ) : (
        <div className="desk-chart-empty muted" data-testid="desk-chart-empty">
          {sessions.length === 0 ? 'Start a session (Sessions tab below) to see its market here.' : 'Loading the session\'s candles…'}
        </div>
      )}
    </section>
  );
}
