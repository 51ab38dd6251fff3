// Chart page: candles of a stored dataset with the engine's indicators, a run's trades as markers and its vote strip;
// the votes behind the bar under the cursor, or behind the bar a click pinned.
import { useEffect, useMemo } from 'react';
import { CandleChart } from '../chart/CandleChart';
import { marksByBar } from '../chart/trade-marks';
import type { StudyLine } from '../chart/study-series';
import { useChartStore } from '../state/chart-store';
import { useDataStore } from '../state/data-store';
import { TIMEFRAME_MS } from '../../../shared/domain';
import { IndicatorPicker, studyLabel } from './chart/IndicatorPicker';
import { VotesPanel, type VotesPanelText } from './desk/VotesPanel';
import './desk/desk.css';
import './chart/chart-page.css';

const keyOf = (d: { exchange: string; symbol: string; timeframe: string }) => `${d.exchange}:${d.symbol}:${d.timeframe}`;
const NO_DECISIONS: never[] = [];
const NO_RUN_TEXT: VotesPanelText = {
  idleTitle: 'Bar under the cursor', unpin: 'Unpin', unpinLabel: 'Unpin the bar, follow the cursor',
  empty: 'Choose a run, then point at a bar to see its votes; click a bar to pin them.', pinnedEmpty: 'No decision on this bar.',
};
const RUN_TEXT: VotesPanelText = { ...NO_RUN_TEXT, empty: 'Point at a bar to see its votes; click a bar (or the vote strip) to pin them.' };

export function ChartPage() {
  const datasets = useDataStore((s) => s.datasets);
  const {
    runs, catalog, dataset, runId, candles, strip, studies, studyData, trades, view, selected, pinned, error, studyError,
    show, zoom, inspect, pin, unpin, refreshRuns, addStudy, removeStudy,
  } = useChartStore();
  useEffect(() => { void refreshRuns(); }, [refreshRuns]);
  const runsForDataset = runs.filter((r) => !dataset || r.symbol === dataset.symbol);
  const lines = useMemo<StudyLine[]>(
    () => studies.filter((s) => studyData[s.id]).map((s) => ({ id: s.id, label: studyLabel(s), reply: studyData[s.id] })),
    [studies, studyData],
  );
  const inView = useMemo(
    () => (candles ? [...marksByBar(trades, candles.time, TIMEFRAME_MS[candles.resolution]).values()].reduce((n, l) => n + l.length, 0) : 0),
    [trades, candles],
  );
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
            {candles.time.length} bars at {candles.resolution} ({candles.total} {dataset?.timeframe} bars in range)
            {runId !== undefined && <> · {trades.length / 2} trades, {inView} entries and exits marked</>}
          </span>
        )}
      </div>
      <IndicatorPicker catalog={catalog} studies={studies} error={studyError} onAdd={(n, p) => void addStudy(n, p)} onRemove={removeStudy} />
      {error && <p className="error" role="alert">{error}</p>}
      <div className="chart-layout">
        {candles
          ? <CandleChart candles={candles} strip={strip} decisions={NO_DECISIONS} trades={runId !== undefined ? trades : undefined} studies={lines} view={view}
              onBar={(t) => void inspect(t)} onPick={(t) => void pin(t)} onRange={(r) => void zoom(r)} />
          : <div className="chart muted">Choose a dataset to chart.</div>}
        <VotesPanel decision={selected} pinned={pinned} onUnpin={unpin} text={runId !== undefined ? RUN_TEXT : NO_RUN_TEXT} />
      </div>
    </section>
  );
}
