// One run's results: why it traded little or not at all (when it did), the key statistics and all of them, equity
// and drawdown, every trade sortable, and the exports (the HTML report, the trades as CSV).
import type { BacktestResult } from '../../../../shared/backtest-contract';
import { useBacktestStore } from '../../state/backtest-store';
import { EquityChart } from './EquityChart';
import { KEY_STATS, STAT_LABELS, statNumber, statText } from './stats';
import { TradesTable } from './TradesTable';

function runTitle(r: BacktestResult['run']): string {
  return `Run #${r.id} · ${r.strategy} · ${r.symbol ?? ''} ${r.timeframe ?? ''}`.trim();
}

/** The params the run was started with, as the CLI's --param takes them: "fast=7, slow=35". */
function paramsText(params: BacktestResult['run']['params']): string {
  const pairs = Object.entries(params).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  return pairs.length > 0 ? pairs.join(', ') : 'default parameters';
}

export function ResultView({ result }: { result: BacktestResult }) {
  const { exportReport, exportTrades } = useBacktestStore();
  const label = (key: string) => STAT_LABELS.find(([k]) => k === key)?.[1] ?? key;
  const noTrades = statNumber(result.stats, 'trades') === 0;
  return (
    <section data-testid="bt-result">
      <div className="row">
        <h3 className="grow">{runTitle(result.run)}</h3>
        <button onClick={() => void exportReport(result.run.id)} data-testid="bt-export-report">Export HTML report</button>
        <button onClick={exportTrades} disabled={result.trades.length === 0} data-testid="bt-export-csv">Export trades (CSV)</button>
      </div>
      <p className="muted" data-testid="bt-run-params">{paramsText(result.run.params)}</p>
      {noTrades && (
        <div className="warning" role="status" data-testid="bt-no-trades-warning">
          <strong>No trades.</strong>{' '}
          {result.notes.length > 0 ? 'The run made decisions that sent no order:' : 'No decision in this run asked to trade.'}
        </div>
      )}
      {result.notes.length > 0 && (
        <ul className={noTrades ? 'notes warning-list' : 'notes'} data-testid="bt-notes">
          {result.notes.map((n) => <li key={n}>{n}</li>)}
        </ul>
      )}
      <div className="columns">
        <div>
          <table className="grid" data-testid="bt-stats">
            <tbody>
              {KEY_STATS.map((key) => (
                <tr key={key}><td>{label(key)}</td><td className="num" data-testid={`stat-${key}`}>{statText(result.stats, key)}</td></tr>
              ))}
            </tbody>
          </table>
          <details data-testid="bt-all-stats">
            <summary>All {STAT_LABELS.length} statistics</summary>
            <table className="grid">
              <tbody>
                {STAT_LABELS.map(([key, text]) => <tr key={key}><td>{text}</td><td className="num" data-testid={`all-stat-${key}`}>{statText(result.stats, key)}</td></tr>)}
              </tbody>
            </table>
          </details>
        </div>
        <EquityChart time={result.equity.time} value={result.equity.value} />
      </div>
      <h3>Trades ({result.trades.length})</h3>
      <TradesTable trades={result.trades} />
    </section>
  );
}
