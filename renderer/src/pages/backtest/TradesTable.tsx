// Every trade of a run in a table the trader can sort by any column (click a header; again to reverse); the first
// rows of the order chosen are drawn, the CSV export has them all.
import { useMemo, useState } from 'react';
import type { BacktestResult } from '../../../../shared/backtest-contract';
import { formatDuration, formatTime } from '../../format';

type Trade = BacktestResult['trades'][number];
type Key = 'entryTime' | 'exitTime' | 'size' | 'entryPrice' | 'exitPrice' | 'pnl' | 'returnPct' | 'fees' | 'duration';

const SHOWN = 500;

const COLUMNS: readonly { key: Key; label: string; num: boolean; cell(t: Trade): string }[] = [
  { key: 'entryTime', label: 'Entry', num: false, cell: (t) => formatTime(t.entryTime) },
  { key: 'exitTime', label: 'Exit', num: false, cell: (t) => formatTime(t.exitTime) },
  { key: 'duration', label: 'Held', num: true, cell: (t) => formatDuration(t.exitTime - t.entryTime) },
  { key: 'size', label: 'Size', num: true, cell: (t) => String(t.size) },
  { key: 'entryPrice', label: 'Entry price', num: true, cell: (t) => String(t.entryPrice) },
  { key: 'exitPrice', label: 'Exit price', num: true, cell: (t) => String(t.exitPrice) },
  { key: 'pnl', label: 'P&L', num: true, cell: (t) => t.pnl.toFixed(2) },
  { key: 'returnPct', label: 'Return', num: true, cell: (t) => (t.returnPct === null ? '—' : `${t.returnPct.toFixed(2)}%`) },
  { key: 'fees', label: 'Fees', num: true, cell: (t) => t.fees.toFixed(2) },
];

const valueOf = (t: Trade, key: Key): number => (key === 'duration' ? t.exitTime - t.entryTime : (t[key] ?? Number.NEGATIVE_INFINITY));

export function TradesTable({ trades }: { trades: readonly Trade[] }) {
  const [sort, setSort] = useState<{ key: Key; desc: boolean }>({ key: 'entryTime', desc: true });
  const sorted = useMemo(() => {
    const dir = sort.desc ? -1 : 1;
    return [...trades].sort((a, b) => dir * (valueOf(a, sort.key) - valueOf(b, sort.key)));
  }, [trades, sort]);
  if (trades.length === 0) return <p className="muted" data-testid="bt-no-trades">No trades in this run.</p>;
  const by = (key: Key) => setSort((s) => ({ key, desc: s.key === key ? !s.desc : true }));
  return (
    <div className="table-scroll">
      <table className="grid trades" data-testid="bt-trades">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} className={c.num ? 'num' : ''} aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                <button className="link" onClick={() => by(c.key)} data-testid={`sort-${c.key}`}>
                  {c.label}{sort.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.slice(0, SHOWN).map((t) => (
            <tr key={`${t.entryTime}-${t.exitTime}-${t.size}`}>
              {COLUMNS.map((c) => (
                <td key={c.key} className={`${c.num ? 'num' : 'mono'}${c.key === 'pnl' ? (t.pnl >= 0 ? ' gain' : ' loss') : ''}`}>{c.cell(t)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {trades.length > SHOWN && <p className="muted">The first {SHOWN} of {trades.length} trades in this order; the CSV has them all.</p>}
    </div>
  );
}
