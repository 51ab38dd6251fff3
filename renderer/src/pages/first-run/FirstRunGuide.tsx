// The first-run card on the start page of an empty app: market data in one click (the shipped sample), or an import
// or a download on the Data page; then a first backtest in one more, with its result right here; then the next step,
// paper-trading that strategy from the Desk's start-session form, filled in from the run.
import type { BacktestResult } from '../../../../shared/backtest-contract';
import { STAT_LABELS, statText } from '../backtest/stats';
import type { StatKey } from '../../../../shared/stat-labels';
import { useBacktestStore } from '../../state/backtest-store';
import { useFirstRunStore } from '../../state/first-run-store';
import { useNavStore } from '../../state/nav-store';
import { ProgressBar } from '../../components/ProgressBar';
import './first-run.css';

const SHOWN_STATS: readonly StatKey[] = ['returnPct', 'buyHoldReturnPct', 'maxDrawdownPct', 'sharpe', 'trades', 'winRatePct'];
const labelOf = (key: StatKey) => STAT_LABELS.find(([k]) => k === key)?.[1] ?? key;

export function FirstRunGuide() {
  const { phase, dataset, error, loadSample, runFirstBacktest, paperTrade, dismiss } = useFirstRunStore();
  const go = useNavStore((s) => s.go);
  const { progress, result, error: runError } = useBacktestStore();
  if (phase === 'checking' || phase === 'hidden') return null;
  const ours = result && result.run.id === progress?.runId ? result : undefined;
  const running = progress !== undefined && !ours && (progress.state === 'running' || progress.state === 'loading');
  return (
    <section className="panel first-run" aria-labelledby="first-run-title" data-testid="first-run">
      <h3 id="first-run-title">{phase === 'ready' ? `Market data ready: ${dataset}` : 'No market data yet'}</h3>
      {error && <p className="error" role="alert">{error}</p>}
      {phase !== 'ready' ? (
        <>
          <p>Quorum backtests, charts and trades on candles stored on this computer. Start with the sample, or bring your own.</p>
          <div className="actions">
            <button className="primary" onClick={() => void loadSample()} disabled={phase === 'loading'} data-testid="first-run-sample">
              {phase === 'loading' ? 'Loading the sample…' : 'Load the sample BTC/USDT 1h'}
            </button>
            <button onClick={() => go('data')} data-testid="first-run-import">Import a file</button>
            <button onClick={() => go('data')} data-testid="first-run-download">Download from an exchange</button>
          </div>
          <p className="muted">The sample: 5,217 hourly Binance candles, January to August 2022.</p>
        </>
      ) : (
        <>
          <div className="actions">
            <button className="primary" onClick={() => void runFirstBacktest()} disabled={running} data-testid="first-run-backtest">Run a first backtest</button>
            <button onClick={dismiss} data-testid="first-run-close">Close this guide</button>
          </div>
          <p className="muted">A moving-average cross (sma-cross, fast 10 / slow 30) on {dataset}, 10,000 USDT, 0.1% commission.</p>
          {running && progress && <ProgressBar fraction={progress.total > 0 ? progress.done / progress.total : 0} label="Backtest" />}
          {runError && <p className="error" role="alert">{runError}</p>}
          {ours && <FirstResult result={ours} onOpen={() => go('backtest')} onPaper={() => paperTrade(ours.run)} />}
        </>
      )}
    </section>
  );
}

function FirstResult({ result, onOpen, onPaper }: { result: BacktestResult; onOpen: () => void; onPaper: () => void }) {
  return (
    <div data-testid="first-run-result">
      <h4>Run #{result.run.id}: finished</h4>
      <dl>
        {SHOWN_STATS.map((key) => (
          <div key={key} className="first-run-stat"><dt>{labelOf(key)}</dt><dd className="mono" data-testid={`first-run-stat-${key}`}>{statText(result.stats, key)}</dd></div>
        ))}
      </dl>
      <div className="actions">
        <button className="primary" onClick={onPaper} data-testid="first-run-paper">Paper-trade this strategy</button>
        <button onClick={onOpen} data-testid="first-run-open-lab">Open it in the Backtest lab</button>
      </div>
      <p className="muted">Next: run it on live market data with simulated money, from the Desk.</p>
    </div>
  );
}
