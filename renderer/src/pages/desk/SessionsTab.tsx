// Every session: the running and paused ones live (budget, P&L, position, last decision, pause/resume/stop), the
// stopped ones from the sessions table (why they stopped, start again); a form to start a new one.
import { useState } from 'react';
import type { DeskSessionRow } from '../../../../shared/desk-book-contract';
import type { SessionView } from '../../../../shared/desk-contract';
import { formatTime } from '../../format';
import { useDeskStore } from '../../state/desk-store';
import { useDeskPageStore } from '../../state/desk-page-store';
import { useSessionPrefillStore } from '../../state/session-prefill-store';
import { DeskTable, type Column } from './DeskTable';
import { StartSessionForm } from './StartSessionForm';
import { money, qty, signed, tone } from './numbers';

function Controls({ s }: { s: SessionView }) {
  const { pause, resume, stop, busy, select } = useDeskPageStore();
  const name = `session ${s.id}`;
  return (
    <span className="actions">
      <button onClick={() => select(s.id)} aria-label={`Show ${name} on the chart`}>Chart</button>
      {s.status === 'paused'
        ? <button onClick={() => void resume(s.id)} disabled={busy} aria-label={`Resume entries of ${name}`} data-testid={`desk-resume-${s.id}`}>Resume</button>
        : <button onClick={() => void pause(s.id)} disabled={busy} aria-label={`Pause entries of ${name}`} title="No new entries; exits still run" data-testid={`desk-pause-${s.id}`}>Pause entries</button>}
      <button className="danger" onClick={() => void stop(s.id)} disabled={busy} aria-label={`Stop ${name}`} data-testid={`desk-stop-${s.id}`}>Stop</button>
    </span>
  );
}

const LIVE_COLUMNS: Column<SessionView>[] = [
  { label: 'Session', cell: (s) => <span className={`mode-tag ${s.request.mode}`}>#{s.id} {s.request.mode.toUpperCase()}</span>, width: '9%' },
  { label: 'Market', cell: (s) => `${s.request.account} ${s.request.symbol} ${s.request.timeframe}`, wrap: true },
  { label: 'Strategy', cell: (s) => s.request.strategy, width: '7.5%', wrap: true },
  { label: 'Status', cell: (s) => <span title={s.error ?? undefined} data-testid={`desk-status-${s.id}`}>{s.status}{s.error ? ' ⚠' : ''}</span>, width: '7.5%' },
  { label: 'Resume on start', cell: (s) => (s.request.resumeOnStart ? 'yes' : 'no'), width: '5%' },
  { label: 'Budget', cell: (s) => money(s.budget), numeric: true, width: '8%' },
  { label: 'P&L', cell: (s) => <span className={tone(s.pnl)}>{signed(s.pnl)}</span>, numeric: true, width: '7.5%' },
  { label: 'Position', cell: (s) => (s.position && s.position.size !== 0 ? `${qty(s.position.size)} @ ${qty(s.position.entryPrice)}` : 'flat'), width: '12%' },
  {
    label: 'Last decision',
    width: '12.5%',
    cell: (s) => (s.lastDecision
      ? <span title={s.lastDecision.veto ? `vetoed: ${s.lastDecision.veto}` : `score ${s.lastDecision.score.toFixed(4)}`}>{s.lastDecision.action}{s.lastDecision.veto ? ' (veto)' : ''} · {formatTime(s.lastDecision.time).slice(11, 16)}</span>
      : <span className="muted">waiting for a bar</span>),
  },
  { label: 'Actions', cell: (s) => <Controls s={s} />, width: '19%' },
];

function StartAgain({ row }: { row: DeskSessionRow }) {
  const { startAgain, busy } = useDeskPageStore();
  return <button onClick={() => void startAgain(row)} disabled={busy} aria-label={`Start session ${row.id} again`}>Start again</button>;
}

const STOPPED_COLUMNS: Column<DeskSessionRow>[] = [
  { label: 'Session', cell: (r) => `#${r.id} ${r.request.mode.toUpperCase()}` },
  { label: 'Market', cell: (r) => `${r.request.account} ${r.request.symbol} ${r.request.timeframe}` },
  { label: 'Strategy', cell: (r) => r.request.strategy },
  { label: 'Stopped', cell: (r) => formatTime(r.updatedAt) },
  { label: 'Why', cell: (r) => r.stopReason ?? '—' },
  { label: 'Budget', cell: (r) => money(r.budget), numeric: true },
  { label: 'Actions', cell: (r) => <StartAgain row={r} /> },
];

export function SessionsTab() {
  const status = useDeskStore((s) => s.status);
  const { sessions, actionError } = useDeskPageStore();
  const [starting, setStarting] = useState(false);
  // A start form filled in by another page (PrefilledSession) is already on screen: a second, empty one would compete.
  const prefilled = useSessionPrefillStore((s) => s.prefill !== undefined);
  const stopped = 'value' in sessions && sessions.value ? sessions.value.filter((r) => r.status === 'stopped') : undefined;
  return (
    <div>
      <div className="row">
        {!starting && !prefilled && <button onClick={() => setStarting(true)} data-testid="desk-new-session">New session…</button>}
      </div>
      {starting && <StartSessionForm onDone={() => setStarting(false)} />}
      {actionError && <p className="error" role="alert" data-testid="desk-action-error">{actionError}</p>}
      <DeskTable name="running sessions" rows={status ? status.sessions : { state: 'loading' }} columns={LIVE_COLUMNS} rowKey={(s) => s.id}
        testId="desk-sessions" empty="No session is running. Start one with “New session…”." />
      {stopped && stopped.length > 0 && (
        <details className="stopped-sessions">
          <summary>Stopped sessions ({stopped.length})</summary>
          <DeskTable name="stopped sessions" rows={stopped} columns={STOPPED_COLUMNS} rowKey={(r) => r.id} testId="desk-stopped" empty="" />
        </details>
      )}
    </div>
  );
}
