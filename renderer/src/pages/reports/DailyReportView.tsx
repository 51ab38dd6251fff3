// One account's daily report as the engine built it: headline, the day's figures and those to date, the day's equity,
// the trades that closed with the votes that opened and closed them, positions held at the day's end, and breaker and
// kill-switch events (the same report as the exported HTML page).
import { useMemo } from 'react';
import type { DailyReportView as DailyReportData, DecisionSummaryView } from '../../../../shared/daily-report-contract';
import { formatTime } from '../../format';
import { EquityChart } from '../backtest/EquityChart';

/** A figure or a dash (the engine sends null for one that is not a number, e.g. Sharpe on the first day). */
export function fig(n: number | null | undefined, digits = 2, unit = ''): string {
  return n === null || n === undefined ? '—' : `${n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}${unit}`;
}

function signedFig(n: number | null, digits = 2, unit = ''): string {
  return n !== null && n > 0 ? `+${fig(n, digits, unit)}` : fig(n, digits, unit);
}

const tone = (n: number | null) => (n === null || n === 0 ? '' : n > 0 ? 'gain' : 'loss');

function votes(d?: DecisionSummaryView): string {
  if (!d) return '—';
  const head = `${d.action} ${fig(d.score, 2)}${d.veto ? ` (veto: ${d.veto})` : ''}`;
  return `${head} · ${d.votes.map((v) => `${v.agent} ${v.abstained ? 'abstained' : fig(v.direction, 2)}${v.reason ? `: ${v.reason}` : ''}`).join('; ')}`;
}

export function DailyReportView({ report: r }: { report: DailyReportData }) {
  const curve = useMemo(() => {
    const points = r.curve.time.map((t, i) => [t, r.curve.equity[i]] as const).filter((p): p is readonly [number, number] => p[1] !== null);
    return { time: Float64Array.from(points, (p) => p[0]), value: Float64Array.from(points, (p) => p[1]) };
  }, [r]);
  const q = r.quote;
  return (
    <div data-testid="daily-report">
      <p className="report-headline" data-testid="report-headline">{r.headline}</p>
      <dl className="report-figures" data-testid="report-figures">
        <div><dt>Equity at 00:00 UTC</dt><dd>{fig(r.equity.start)} {q}</dd></div>
        <div><dt>Equity at the end</dt><dd>{fig(r.equity.end)} {q}</dd></div>
        <div><dt>P&amp;L</dt><dd className={tone(r.pnl)} data-testid="report-pnl">{signedFig(r.pnl)} {q} ({signedFig(r.pnlPct, 2, ' %')})</dd></div>
        <div><dt>Realized (closed trades)</dt><dd className={tone(r.realizedPnl)}>{signedFig(r.realizedPnl)} {q}</dd></div>
        <div><dt>Fees</dt><dd data-testid="report-fees">{fig(r.fees, 4)} {q}</dd></div>
        <div><dt>Fills / trades closed</dt><dd data-testid="report-counts">{r.fills} / {r.trades.length} ({r.won} won, {r.lost} lost)</dd></div>
        <div><dt>Max drawdown of the day</dt><dd>{fig(r.dayMaxDrawdownPct, 2, ' %')}</dd></div>
        <div><dt>To date (since {formatTime(r.toDate.since).slice(0, 10)})</dt><dd>{signedFig(r.toDate.returnPct, 2, ' %')} over {r.toDate.days} day(s)</dd></div>
        <div><dt>Sharpe to date</dt><dd data-testid="report-sharpe">{fig(r.toDate.sharpe, 2)}</dd></div>
        <div><dt>Max drawdown to date</dt><dd>{fig(r.toDate.maxDrawdownPct, 2, ' %')}</dd></div>
        <div><dt>Equity basis</dt><dd>{r.equity.basis === 'paper-cash' ? 'paper cash' : 'live session budgets'} {fig(r.equity.basisAmount)} {q}</dd></div>
        <div><dt>Covers</dt><dd>{r.complete ? 'the whole day' : `up to ${formatTime(r.asOf)}`}</dd></div>
      </dl>
      {curve.time.length > 1 && <div className="daily-curve"><EquityChart time={curve.time} value={curve.value} /></div>}
      <h3>Trades closed ({r.trades.length})</h3>
      {r.trades.length === 0 ? <p className="muted">No trade closed this day.</p> : (
        <table className="grid trades" data-testid="report-trades">
          <thead><tr><th>Symbol</th><th>Side</th><th className="num">Size</th><th>Entry</th><th className="num">Entry price</th><th>Exit</th><th className="num">Exit price</th><th className="num">P&amp;L</th><th className="num">Fees</th><th>Exit by</th><th>Entry decision and votes</th></tr></thead>
          <tbody>
            {r.trades.map((t, i) => (
              <tr key={i} data-testid="report-trade">
                <td>{t.symbol}</td><td>{t.side}</td><td className="num">{fig(t.size, 4)}</td>
                <td className="mono">{formatTime(t.entryTime)}</td><td className="num">{fig(t.entryPrice, 4)}</td>
                <td className="mono">{formatTime(t.exitTime)}</td><td className="num">{fig(t.exitPrice, 4)}</td>
                <td className={`num ${tone(t.pnl)}`}>{signedFig(t.pnl)}</td><td className="num">{fig(t.fees, 4)}</td>
                <td>{t.exitBy ?? '—'}</td><td className="reason">{votes(t.entry)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r.openPositions.length > 0 && <>
        <h3>Held at the day&apos;s end</h3>
        <table className="grid" data-testid="report-positions">
          <thead><tr><th>Symbol</th><th className="num">Size</th><th className="num">Entry price</th><th>Opened</th><th className="num">Mark</th><th className="num">Unrealized</th></tr></thead>
          <tbody>{r.openPositions.map((p, i) => (
            <tr key={i}><td>{p.symbol}</td><td className="num">{fig(p.size, 4)}</td><td className="num">{fig(p.entryPrice, 4)}</td><td className="mono">{formatTime(p.openedAt)}</td><td className="num">{fig(p.mark, 4)}</td><td className={`num ${tone(p.unrealizedPnl)}`}>{signedFig(p.unrealizedPnl)}</td></tr>
          ))}</tbody>
        </table>
      </>}
      <h3>Breaker and kill-switch events ({r.events.length})</h3>
      {r.events.length === 0 ? <p className="muted">None.</p> : (
        <ul className="alerts" data-testid="report-events">
          {r.events.map((e, i) => <li key={i} className={`alert ${e.level}`}><span className="mono">{formatTime(e.time)}</span> <strong>{e.name}</strong> {e.message}</li>)}
        </ul>
      )}
      <details className="muted"><summary>How the figures are computed</summary><ul>{r.conventions.map((c, i) => <li key={i}>{c}</li>)}</ul></details>
    </div>
  );
}
