// First screen: engine status fetched over the contract (mode, live arming, DB path, version, uptime) and recent alerts.
import { useEngineStore } from '../state/engine-store';
import { formatDuration, formatTime } from '../format';
import { RiskPanel } from './RiskPanel';
import { HealthPanel } from './HealthPanel';

export function StatusPage() {
  const { status, alerts, error, transport } = useEngineStore();
  if (error) return <div className="error" role="alert" data-testid="engine-error">{error}</div>;
  if (!status) return <div className="muted" data-testid="engine-loading">Connecting to the engine…</div>;
  return (
    <section className="page">
      <h2>Engine</h2>
      <dl className="status" data-testid="engine-status">
        <dt>Mode</dt>
        <dd data-testid="status-mode" className={status.mode === 'live' ? 'live' : 'paper'}>{status.mode}</dd>
        <dt>Live trading</dt>
        <dd data-testid="status-live-armed">{status.liveArmed ? 'armed' : 'disarmed'}</dd>
        <dt>Database</dt>
        <dd data-testid="status-db-path" className="mono">{status.dbPath}</dd>
        <dt>Schema</dt>
        <dd data-testid="status-schema">v{status.schemaVersion}</dd>
        <dt>Version</dt>
        <dd data-testid="status-version">{status.version}</dd>
        <dt>Uptime</dt>
        <dd data-testid="status-uptime">{formatDuration(status.uptimeMs)}</dd>
        <dt>Started</dt>
        <dd>{formatTime(status.startedAt)}</dd>
        <dt>Host</dt>
        <dd data-testid="status-host">{status.host} via {transport}</dd>
      </dl>
      <RiskPanel />
      <HealthPanel />
      <h2>Alerts</h2>
      {alerts.length === 0 ? (
        <p className="muted">No alerts.</p>
      ) : (
        <ul className="alerts">
          {alerts.map((a) => (
            <li key={a.id} className={`alert ${a.level}`}>
              <span className="mono">{formatTime(a.time)}</span> <strong>{a.source}</strong> {a.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
