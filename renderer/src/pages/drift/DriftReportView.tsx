// One drift report: the summary figures, the equity gap over time, the bars that differ with their reason, the fills
// with slippage and fees against the model's, and the orders the run's venue or risk gate refused.
import { useMemo } from 'react';
import type { Distribution, DriftReport } from '../../../../shared/drift-contract';
import { formatTime } from '../../format';
import { EquityChart } from '../backtest/EquityChart';
import { fig } from '../reports/DailyReportView';

const signed = (n: number | null, digits = 2) => (n !== null && n > 0 ? `+${fig(n, digits)}` : fig(n, digits));
const tone = (n: number | null) => (n === null || n === 0 ? '' : n > 0 ? 'gain' : 'loss');

function dist(d: Distribution): string {
  return d.count === 0 ? '—' : `mean ${signed(d.mean)} · median ${signed(d.median)} · p90 ${signed(d.p90)} · worst ${signed(d.worst)} (${d.count})`;
}

export function DriftReportView({ report: r }: { report: DriftReport }) {
  const gap = useMemo(() => ({ time: Float64Array.from(r.equity.time), value: Float64Array.from(r.equity.gap) }), [r]);
  const s = r.summary;
  return (
    <div data-testid="drift-report">
      <p className="report-headline" data-testid="drift-headline">
        {r.run.kind} run #{r.run.id} of session {r.run.sessionId} on {r.run.account}: {s.differing} of {s.barsCompared} bar(s) differ
        {s.byReason.unexplained > 0 ? `, ${s.byReason.unexplained} unexplained` : ', none unexplained'}
      </p>
      <dl className="report-figures" data-testid="drift-figures">
        <div><dt>Slippage vs model [bps]</dt><dd data-testid="drift-slippage">{dist(r.slippageBps)}</dd></div>
        <div><dt>Fees run / model</dt><dd>{fig(s.runFees, 4)} / {fig(s.modelFees, 4)}</dd></div>
        <div><dt>Fills run / replay / paired</dt><dd>{s.runFills} / {s.modelFills} / {s.pairedFills}</dd></div>
        <div><dt>Final equity gap</dt><dd className={tone(s.finalGap)} data-testid="drift-gap">{signed(s.finalGap)} ({signed(s.finalGapPct, 3)} %)</dd></div>
        {Object.entries(s.byReason).map(([k, v]) => <div key={k}><dt>{k}</dt><dd data-testid={`drift-reason-${k.replace(/ /g, '-')}`}>{v}</dd></div>)}
      </dl>
      <h3>Equity gap, run − replay</h3>
      <EquityChart time={gap.time} value={gap.value} title="run − replay" drawdown={false} />
      <h3>Bars that differ ({s.differing})</h3>
      {r.decisions.length === 0 ? <p>The run and its replay decided and traded alike on every bar.</p> : (
        <table className="grid" data-testid="drift-decisions">
          <thead><tr><th>bar</th><th>run</th><th>replay</th><th>run traded</th><th>replay traded</th><th>reason</th><th>detail</th></tr></thead>
          <tbody>{r.decisions.map((d) => (
            <tr key={d.time} data-reason={d.reason}>
              <td>{formatTime(d.time)}</td><td>{d.runAction ?? '—'}</td><td>{d.replayAction ?? '—'}</td><td>{d.runTrades || '—'}</td><td>{d.replayTrades || '—'}</td>
              <td>{d.reason}</td><td>{d.detail}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
      <h3>Fills ({r.fills.length})</h3>
      <table className="grid" data-testid="drift-fills">
        <thead><tr><th>decision bar</th><th>side</th><th>role</th><th>run price</th><th>model price</th><th>slippage [bps]</th><th>run fee</th><th>model fee</th><th>note</th></tr></thead>
        <tbody>{r.fills.map((f) => (
          <tr key={f.clientOrderId}>
            <td>{formatTime(f.decisionTime)}</td><td>{f.side}</td><td>{f.role ?? '—'}</td><td>{f.runPrice}</td><td>{f.modelPrice ?? '—'}</td>
            <td className={tone(f.slippageBps === null ? null : -f.slippageBps)}>{signed(f.slippageBps)}</td><td>{fig(f.runFee, 4)}</td><td>{fig(f.modelFee, 4)}</td><td>{f.note ?? ''}</td>
          </tr>
        ))}</tbody>
      </table>
      <h3>Rejected and vetoed orders ({r.rejected.length})</h3>
      {r.rejected.length === 0 ? <p>None.</p> : (
        <table className="grid" data-testid="drift-rejected">
          <thead><tr><th>decision bar</th><th>side</th><th>status</th><th>reason</th><th>error</th></tr></thead>
          <tbody>{r.rejected.map((o) => <tr key={o.clientOrderId}><td>{formatTime(o.decisionTime)}</td><td>{o.side}</td><td>{o.status}</td><td>{o.reason}</td><td>{o.error ?? ''}</td></tr>)}</tbody>
        </table>
      )}
    </div>
  );
}
