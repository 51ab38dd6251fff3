// The engine's log in Settings: its newest lines (secrets masked when written), folded away until opened — the browser
// build has no folder to open, and a trader asking "what happened?" should not need `quorum logs`.
import { useState } from 'react';
import { useEngineStore } from '../../state/engine-store';

interface Line { time: string; level: string; text: string }

/** A pino JSON line as time, level and message with its fields; anything else as it is. */
function readLine(raw: string): Line {
  try {
    const { time, level, msg, pid: _pid, name: _name, ...fields } = JSON.parse(raw) as Record<string, unknown>;
    const extra = Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    return { time: String(time ?? ''), level: String(level ?? ''), text: `${String(msg ?? '')}${extra}` };
  } catch {
    return { time: '', level: '', text: raw };
  }
}

export function LogsSection() {
  const client = useEngineStore((s) => s.client);
  const [lines, setLines] = useState<Line[]>();
  const [error, setError] = useState<string>();
  if (!client) return null;
  const load = async () => {
    try {
      const tail = await client.request('app.logTail', { lines: 200 });
      setLines(tail.lines.map(readLine).reverse());
      setError(undefined);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <details className="panel" data-testid="logs-section" onToggle={(e) => { if ((e.target as HTMLDetailsElement).open && !lines) void load(); }}>
      <summary data-testid="logs-toggle">Recent log lines</summary>
      <div className="row">
        <button onClick={() => void load()} data-testid="logs-refresh">Refresh</button>
        <span className="muted">Newest first; the last 200 lines of the engine&apos;s log.</span>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {lines && lines.length === 0 && <p className="muted" data-testid="logs-empty">No log lines yet.</p>}
      {lines && lines.length > 0 && (
        <div className="table-scroll">
          <table className="grid mono" data-testid="log-lines">
            <thead><tr><th>Time</th><th>Level</th><th>Message</th></tr></thead>
            <tbody>
              {lines.map((l, i) => (
                <tr key={i} className={l.level === 'error' || l.level === 'fatal' ? 'loss' : l.level === 'warn' ? 'warning-list' : undefined}>
                  <td>{l.time}</td><td>{l.level}</td><td>{l.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
