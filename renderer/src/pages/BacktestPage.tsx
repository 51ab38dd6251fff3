// Backtest page: run a strategy (or the agent panel) on a stored dataset, watch progress, cancel, read the results.
import { ProgressBar } from '../components/ProgressBar';
import { formatTime } from '../format';
import { useBacktestStore } from '../state/backtest-store';
import { BacktestFormPanel } from './backtest/BacktestFormPanel';
import { EquityChart } from './backtest/EquityChart';

const STAT_ROWS: [string, string, (v: number) => string][] = [
  ['returnPct', 'Return', (v) => `${v.toFixed(2)}%`],
  ['buyHoldReturnPct', 'Buy & hold return', (v) => `${v.toFixed(2)}%`],
  ['annReturnPct', 'Annual return', (v) => `${v.toFixed(2)}%`],
  ['maxDrawdownPct', 'Max drawdown', (v) => `${v.toFixed(2)}%`],
  ['sharpe', 'Sharpe', (v) => v.toFixed(3)],
  ['sortino', 'Sortino', (v) => v.toFixed(3)],
  ['calmar', 'Calmar', (v) => v.toFixed(3)],
  ['trades', 'Trades', (v) => String(v)],
  ['winRatePct', 'Win rate', (v) => `${v.toFixed(1)}%`],
  ['profitFactor', 'Profit factor', (v) => v.toFixed(3)],
  ['exposurePct', 'Exposure', (v) => `${v.toFixed(1)}%`],
  ['finalEquity', 'Final equity', (v) => v.toFixed(2)],
  ['feesPaid', 'Fees paid', (v) => v.toFixed(2)],
];

export function BacktestPage() {
  const { progress, result, error } = useBacktestStore();
  const running = progress && (progress.state === 'running' || progress.state === 'loading');
  return (
    <section className="page">
      <h2>Backtest</h2>
      <BacktestFormPanel />
      {running && <ProgressBar fraction={progress.total ? progress.done / progress.total : 0} label={`Run #${progress.runId ?? '…'}: ${progress.done} / ${progress.total} bars`} />}
      {progress?.state === 'cancelled' && <p className="notice" data-testid="bt-cancelled">Run #{progress.runId} cancelled.</p>}
      {error && <p className="error" role="alert" data-testid="bt-error">{error}</p>}
      {result && (
        <div className="columns" data-testid="bt-result">
          <div>
            <h3>Run #{result.run.id} · {result.run.strategy} · {result.run.symbol} {result.run.timeframe}</h3>
            <table className="grid" data-testid="bt-stats">
              <tbody>
                {STAT_ROWS.map(([key, label, fmt]) => {
                  const v = result.stats?.[key];
                  return <tr key={key}><td>{label}</td><td className="num" data-testid={`stat-${key}`}>{typeof v === 'number' ? fmt(v) : '—'}</td></tr>;
                })}
              </tbody>
            </table>
          </div>
          <EquityChart time={result.equity.time} value={result.equity.value} />
        </div>
      )}
      {result && result.trades.length > 0 && (
        <table className="grid trades" data-testid="bt-trades">
          <thead><tr><th>Entry</th><th>Exit</th><th className="num">Size</th><th className="num">Entry price</th><th className="num">Exit price</th><th className="num">P&amp;L</th><th className="num">Return</th></tr></thead>
          <tbody>
            {result.trades.slice(-200).reverse().map((t) => (
              <tr key={`${t.entryTime}-${t.exitTime}`}>
                <td className="mono">{formatTime(t.entryTime)}</td><td className="mono">{formatTime(t.exitTime)}</td>
                <td className="num">{t.size}</td><td className="num">{t.entryPrice}</td><td className="num">{t.exitPrice}</td>
                <td className={`num ${t.pnl >= 0 ? 'gain' : 'loss'}`}>{t.pnl.toFixed(2)}</td><td className="num">{t.returnPct === null ? '—' : `${t.returnPct.toFixed(2)}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
