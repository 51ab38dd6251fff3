// Every ranked combination: one column per parameter and the key stats; click a header to sort by it (again to reverse).
import { useMemo, useState } from 'react';
import type { SweepResult, SweepRow } from '../../../../shared/sweep-contract';
import { fmt } from './format';

const SHOWN = 200;
type Stat = 'rank' | 'score' | 'returnPct' | 'sharpe' | 'maxDrawdownPct' | 'trades' | 'winRatePct' | 'profitFactor';

export function RankedTable({ result }: { result: SweepResult }) {
  const keys = result.axes.map((a) => a.key);
  const stats: { key: Stat; label: string }[] = [
    { key: 'rank', label: 'Rank' }, { key: 'score', label: result.metric.name }, { key: 'returnPct', label: 'Return %' }, { key: 'sharpe', label: 'Sharpe' },
    { key: 'maxDrawdownPct', label: 'Max DD %' }, { key: 'trades', label: 'Trades' }, { key: 'winRatePct', label: 'Win %' }, { key: 'profitFactor', label: 'Profit factor' },
  ];
  const [sort, setSort] = useState<{ key: string; desc: boolean }>({ key: 'rank', desc: false });
  const value = (r: SweepRow, key: string): number | string => {
    const v = keys.includes(key) ? r.params[key] : r[key as Stat];
    return typeof v === 'boolean' ? Number(v) : (v ?? Number.NEGATIVE_INFINITY);
  };
  const sorted = useMemo(() => {
    const dir = sort.desc ? -1 : 1;
    return [...result.rows].sort((a, b) => {
      const [x, y] = [value(a, sort.key), value(b, sort.key)];
      return dir * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
    });
  }, [result, sort]); // eslint-disable-line react-hooks/exhaustive-deps
  if (result.rows.length === 0) return <p className="muted" data-testid="sw-no-rows">No combination ran: {result.skippedExample ?? 'every one failed'}.</p>;
  const by = (key: string) => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key !== 'rank' }));
  const header = (key: string, label: string, num: boolean) => (
    <th key={key} className={num ? 'num' : ''} aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button className="link" onClick={() => by(key)} data-testid={`sw-sort-${key}`}>{label}{sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}</button>
    </th>
  );
  return (
    <div className="table-scroll">
      <table className="grid" data-testid="sw-ranked">
        <caption className="muted">Ranked by {result.metric.name} ({result.metric.direction > 0 ? 'higher' : 'lower'} is better)</caption>
        <thead>
          <tr>{header('rank', 'Rank', true)}{keys.map((k) => header(k, k, true))}{stats.slice(1).map((s) => header(s.key, s.label, true))}</tr>
        </thead>
        <tbody>
          {sorted.slice(0, SHOWN).map((r) => (
            <tr key={r.index} data-testid="sw-row">
              <td className="num">{r.rank}</td>
              {keys.map((k) => <td key={k} className="num mono">{String(r.params[k] ?? '—')}</td>)}
              <td className="num" data-testid="sw-row-score">{fmt(r.score, 3)}</td>
              <td className={`num ${(r.returnPct ?? 0) >= 0 ? 'gain' : 'loss'}`}>{fmt(r.returnPct)}</td>
              <td className="num">{fmt(r.sharpe, 3)}</td>
              <td className="num">{fmt(r.maxDrawdownPct)}</td>
              <td className="num">{r.trades}</td>
              <td className="num">{fmt(r.winRatePct, 1)}</td>
              <td className="num">{fmt(r.profitFactor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.rows.length > SHOWN && <p className="muted">The first {SHOWN} of {result.rows.length} combinations in this order.</p>}
    </div>
  );
}
