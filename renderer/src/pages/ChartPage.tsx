// Chart page: candles of a stored dataset, a run's decisions as markers, and the votes behind the bar under the cursor.
import { useEffect } from 'react';
import { CandleChart } from '../chart/CandleChart';
import { useChartStore } from '../state/chart-store';
import { useDataStore } from '../state/data-store';
import { VotePanel } from './chart/VotePanel';

const keyOf = (d: { exchange: string; symbol: string; timeframe: string }) => `${d.exchange}:${d.symbol}:${d.timeframe}`;

export function ChartPage() {
  const datasets = useDataStore((s) => s.datasets);
  const { runs, dataset, runId, candles, strip, markers, view, selected, error, show, zoom, inspect, refreshRuns } = useChartStore();
  useEffect(() => { void refreshRuns(); }, [refreshRuns]);
  const runsForDataset = runs.filter((r) => !dataset || r.symbol === dataset.symbol);
  return (
    <section className="page">
      <div className="row">
        <select value={dataset ? keyOf(dataset) : ''} aria-label="dataset" data-testid="chart-dataset" onChange={(e) => {
          const d = datasets.find((x) => keyOf(x) === e.target.value);
          if (d) void show(d, undefined);
        }}>
          <option value="">choose a dataset…</option>
          {datasets.map((d) => <option key={keyOf(d)} value={keyOf(d)}>{keyOf(d)}</option>)}
        </select>
        <select value={runId ?? ''} aria-label="run" data-testid="chart-run" disabled={!dataset} onChange={(e) => dataset && void show(dataset, e.target.value ? Number(e.target.value) : undefined)}>
          <option value="">no run (candles only)</option>
          {runsForDataset.map((r) => <option key={r.id} value={r.id}>#{r.id} {r.kind} {r.strategy} {r.symbol} {r.timeframe ?? ''}</option>)}
        </select>
        {candles && (
          <span className="muted" data-testid="chart-info">
            {candles.time.length} bars at {candles.resolution} ({candles.total} {dataset?.timeframe} bars in range) · {markers.length} decisions marked
          </span>
        )}
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="chart-layout">
        {candles
          ? <CandleChart candles={candles} strip={strip} decisions={markers} view={view} onBar={(t) => void inspect(t)} onRange={(r) => void zoom(r)} />
          : <div className="chart muted">Choose a dataset to chart.</div>}
        <VotePanel decision={selected} />
      </div>
    </section>
  );
}
