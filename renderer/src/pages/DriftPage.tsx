// Drift: a paper or live run against its replay through the backtester (the engine's drift.report, as `quorum drift`):
// bars where they decided or traded differently and why, each fill's slippage and fee against the model's, and the
// equity gap over time.
import { useEffect, useState } from 'react';
import type { DriftReport } from '../../../shared/drift-contract';
import type { Run } from '../../../shared/runs-contract';
import { formatTime } from '../format';
import { useEngineStore } from '../state/engine-store';
import { DriftReportView } from './drift/DriftReportView';
import './ops.css';

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function DriftPage() {
  const client = useEngineStore((s) => s.client);
  const [runs, setRuns] = useState<Run[]>([]);
  const [runId, setRunId] = useState<number | undefined>();
  const [report, setReport] = useState<DriftReport | undefined>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (!client) return;
    client.request('runs.list', { limit: 200 }).then((all) => {
      const mine = all.filter((r) => r.kind !== 'backtest');
      setRuns(mine);
      setRunId((id) => id ?? mine[0]?.id);
    }).catch((err: unknown) => setError(messageOf(err)));
  }, [client]);
  async function show(): Promise<void> {
    if (!client || runId === undefined) return;
    setLoading(true);
    setError(undefined);
    try {
      setReport(await client.request('drift.report', { runId }));
    } catch (err) {
      setReport(undefined);
      setError(messageOf(err));
    } finally {
      setLoading(false);
    }
  }
  return (
    <section className="page">
      <h2>Drift: run vs backtest replay</h2>
      <div className="row">
        <label>Paper or live run
          <select value={runId ?? ''} onChange={(e) => setRunId(Number(e.target.value))} data-testid="drift-run">
            {runs.length === 0 && <option value="">no paper or live run yet</option>}
            {runs.map((r) => <option key={r.id} value={r.id}>#{r.id} {r.kind} {r.symbol} {r.timeframe} {r.strategy} ({r.status}, {formatTime(r.startedAt)})</option>)}
          </select>
        </label>
        <button onClick={() => void show()} disabled={runId === undefined || loading} data-testid="drift-show">{loading ? 'Replaying…' : 'Compare with replay'}</button>
      </div>
      {error && <p className="error" role="alert" data-testid="drift-error">{error}</p>}
      {report && <DriftReportView report={report} />}
    </section>
  );
}
