// Two runs side by side: every statistic of each and the difference (B − A), and both equity curves.
import type { BacktestResult } from '../../../../shared/backtest-contract';
import { EquityChart } from './EquityChart';
import { STAT_LABELS, statNumber, statText } from './stats';

function difference(a: number, b: number, kind: string): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || kind === 'time' || kind === 'duration') return '';
  const d = b - a;
  return `${d > 0 ? '+' : ''}${d.toFixed(kind === 'ratio' ? 3 : 2)}`;
}

export function CompareView({ a, b }: { a: BacktestResult; b: BacktestResult }) {
  return (
    <section className="panel" data-testid="bt-compare">
      <h3>Run #{a.run.id} ({a.run.strategy}) against run #{b.run.id} ({b.run.strategy})</h3>
      <div className="columns">
        <table className="grid" data-testid="bt-compare-stats">
          <thead><tr><th>Statistic</th><th className="num">#{a.run.id}</th><th className="num">#{b.run.id}</th><th className="num">B − A</th></tr></thead>
          <tbody>
            {STAT_LABELS.map(([key, label, kind]) => (
              <tr key={key}>
                <td>{label}</td>
                <td className="num">{statText(a.stats, key)}</td>
                <td className="num">{statText(b.stats, key)}</td>
                <td className="num" data-testid={`compare-${key}`}>{difference(statNumber(a.stats, key), statNumber(b.stats, key), kind)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <p className="muted">Equity of #{a.run.id}</p>
          <EquityChart time={a.equity.time} value={a.equity.value} />
          <p className="muted">Equity of #{b.run.id}</p>
          <EquityChart time={b.equity.time} value={b.equity.value} />
        </div>
      </div>
    </section>
  );
}
