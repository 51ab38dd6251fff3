// Health on the status page: every health check's last result (ok / warn / bad), what it found, when it was checked
// and since when it has been so; the engine runs them every minute, "Run checks" runs them now.
import { useEffect } from 'react';
import { formatTime } from '../format';
import { useEngineStore } from '../state/engine-store';
import { useHealthStore } from '../state/health-store';
import './ops.css';

export function HealthPanel() {
  const client = useEngineStore((s) => s.client);
  const { report, running, error, attach, run } = useHealthStore();
  useEffect(() => {
    if (client) attach(client);
  }, [client, attach]);
  return (
    <section data-testid="health-panel">
      <h2>Health</h2>
      <div className="row health-head">
        {report && <span className={`health-badge ${report.status}`} data-testid="health-overall">{report.status}</span>}
        <span className="muted" data-testid="health-when">
          {report ? `Checked ${formatTime(report.time)} in ${report.durationMs} ms` : 'The checks have not run yet: they run every minute, or now.'}
        </span>
        <button onClick={() => void run()} disabled={running} data-testid="health-run">{running ? 'Running checks…' : 'Run checks'}</button>
      </div>
      {error && <p className="error" role="alert" data-testid="health-error">{error}</p>}
      {report && (
        <table className="grid health" data-testid="health-checks">
          <thead><tr><th>Check</th><th>Status</th><th>Detail</th><th>Checked</th><th>Since</th></tr></thead>
          <tbody>
            {report.checks.map((c) => (
              <tr key={c.name} data-testid={`health-check-${c.name}`} data-status={c.status}>
                <td className="mono">{c.name}</td>
                <td><span className={`health-badge ${c.status}`}>{c.status}</span></td>
                <td>{c.detail}</td>
                <td className="mono">{formatTime(c.checkedAt)}</td>
                <td className="mono">{formatTime(c.since)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
