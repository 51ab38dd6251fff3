// The lab's sweep and walk-forward screens: a parameter grid over a stored dataset on the engine's worker pool, with
// progress per worker and cancel; results as a ranked table and a heatmap, or walk-forward windows (in-sample and
// out-of-sample apart) with the stitched out-of-sample equity and return.
import { useEffect, useState } from 'react';
import { useDataStore } from '../state/data-store';
import { useSweepStore } from '../state/sweep-store';
import { GridForm, type Mode } from './sweep/GridForm';
import { SweepProgressPanel } from './sweep/SweepProgressPanel';
import { SweepResultView } from './sweep/SweepResultView';
import { WalkForwardView } from './sweep/WalkForwardView';
import './sweep/sweep.css';

export function SweepPage() {
  const [mode, setMode] = useState<Mode>('sweep');
  const { attach, starting, started, progress, result, loadingResult, error } = useSweepStore();
  const datasets = useDataStore((s) => s.datasets);
  useEffect(() => attach(), [attach]);
  const running = progress?.state === 'running' || (started && !progress);
  const shown = result && (result.kind === 'sweep' ? mode === 'sweep' : mode === 'walkforward') ? result : undefined;
  return (
    <section className="page" aria-labelledby="sweep-title">
      <h2 id="sweep-title">Sweep &amp; walk-forward</h2>
      <div className="sw-mode" role="group" aria-label="lab mode">
        <button className={mode === 'sweep' ? 'tab active' : 'tab'} aria-pressed={mode === 'sweep'} onClick={() => setMode('sweep')} data-testid="sw-mode-sweep">Parameter sweep</button>
        <button className={mode === 'walkforward' ? 'tab active' : 'tab'} aria-pressed={mode === 'walkforward'} onClick={() => setMode('walkforward')} data-testid="sw-mode-walkforward">Walk-forward</button>
      </div>
      {datasets.length === 0 && <p className="muted" data-testid="sw-no-data">No stored dataset yet: import or download one on the Data page first.</p>}
      <GridForm mode={mode} />
      {starting && <p className="muted" role="status" data-testid="sw-starting">Loading the data and checking the grid…</p>}
      {started && running && <SweepProgressPanel started={started} progress={progress} />}
      {progress?.state === 'cancelled' && <p className="notice" role="status" data-testid="sw-cancelled">{started?.jobId} cancelled after {progress.done} of {progress.total} backtests.</p>}
      {error && <p className="error" role="alert" data-testid="sw-error">{error}</p>}
      {loadingResult && <p className="muted" role="status">Loading the result…</p>}
      {shown?.kind === 'sweep' && <SweepResultView result={shown} />}
      {shown?.kind === 'walkforward' && <WalkForwardView result={shown} />}
      {!started && !starting && !result && !error && datasets.length > 0 && (
        <p className="muted" data-testid="sw-empty">Choose a dataset and a grid, then run. Results show here: a ranked table and a heatmap, or walk-forward windows.</p>
      )}
    </section>
  );
}
