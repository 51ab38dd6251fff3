// Stored backtests, newest first: open one, or put one beside the open run to compare them.
import { formatTime } from '../../format';
import { useBacktestStore } from '../../state/backtest-store';
import { statText } from './stats';

export function RunsPanel() {
  const { runs, result, compare, load, compareWith } = useBacktestStore();
  if (runs.length === 0) return null;
  return (
    <section className="panel" aria-label="stored backtests">
      <h3>Stored backtests</h3>
      <div className="table-scroll runs-scroll">
        <table className="grid" data-testid="bt-runs">
          <thead>
            <tr><th>Run</th><th>Strategy</th><th>Data</th><th>Started</th><th className="num">Return [%]</th><th className="num">Sharpe</th><th className="num">Trades</th><th /></tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} className={r.id === result?.run.id ? 'selected' : ''} data-testid={`bt-run-${r.id}`}>
                <td>#{r.id}</td>
                <td>{r.strategy}</td>
                <td>{r.symbol} {r.timeframe}</td>
                <td className="mono">{formatTime(r.startedAt)}</td>
                <td className="num">{statText(r.stats, 'returnPct')}</td>
                <td className="num">{statText(r.stats, 'sharpe')}</td>
                <td className="num">{statText(r.stats, 'trades')}</td>
                <td className="actions">
                  <button onClick={() => void load(r.id)} disabled={r.id === result?.run.id} data-testid={`bt-open-${r.id}`}>Open</button>
                  <button
                    onClick={() => void compareWith(compare?.run.id === r.id ? undefined : r.id)}
                    disabled={!result || r.id === result.run.id}
                    aria-pressed={compare?.run.id === r.id}
                    data-testid={`bt-compare-${r.id}`}
                  >
                    {compare?.run.id === r.id ? 'Stop comparing' : 'Compare'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
