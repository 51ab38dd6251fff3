// The backtest lab: run a strategy (or the agent panel) on a stored dataset with progress and cancel, read every
// result of it, reopen stored runs, compare two, export the report and the trades.
import { ProgressBar } from '../components/ProgressBar';
import { useBacktestStore } from '../state/backtest-store';
import { BacktestFormPanel } from './backtest/BacktestFormPanel';
import { CompareView } from './backtest/CompareView';
import { ResultView } from './backtest/ResultView';
import { RunsPanel } from './backtest/RunsPanel';

export function BacktestPage() {
  const { progress, result, compare, error } = useBacktestStore();
  const running = progress && (progress.state === 'running' || progress.state === 'loading');
  return (
    <section className="page">
      <h2>Backtest</h2>
      <BacktestFormPanel />
      {running && <ProgressBar fraction={progress.total ? progress.done / progress.total : 0} label={`Run #${progress.runId ?? '…'}: ${progress.done} / ${progress.total} bars`} />}
      {progress?.state === 'cancelled' && <p className="notice" data-testid="bt-cancelled">Run #{progress.runId} cancelled.</p>}
      {error && <p className="error" role="alert" data-testid="bt-error">{error}</p>}
      {result && <ResultView result={result} />}
      {result && compare && <CompareView a={result} b={compare} />}
      <RunsPanel />
    </section>
  );
}
