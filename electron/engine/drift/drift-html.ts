// The drift report as one self-contained HTML file, like the daily report: inline CSS and SVG, no scripts, no URLs.
import type { DriftReport } from '../../../shared/drift-contract';
import { escapeHtml } from '../backtest/report-html';
import { svgPlot } from '../backtest/report-svg';
import { CSS, pnlCell, table, type Cell } from '../reports/daily-html';
import { money, price, shortTime, signed } from '../reports/report-format';
import { distributionText, driftReportText } from './drift-text';

const num = (v: number | null, digits = 2): string => (v === null ? '—' : signed(v, digits));

function decisionsSection(r: DriftReport): string {
  if (r.decisions.length === 0) return '<p>The run and its replay decided and traded alike on every bar.</p>';
  const rows: Cell[][] = r.decisions.map((d) => [
    shortTime(d.time), d.runAction ?? '—', d.replayAction ?? '—', d.runTrades || '—', d.replayTrades || '—',
    { text: d.reason, cls: d.reason === 'unexplained' ? 'neg' : undefined }, d.since === undefined ? '' : shortTime(d.since), d.detail,
  ]);
  const more = r.decisionsLeftOut > 0 ? `<p class="note">${r.decisionsLeftOut} more differing bar(s) not listed.</p>` : '';
  return table(rows, ['bar', 'run', 'replay', 'run traded', 'replay traded', 'reason', 'since', 'detail'], 'left') + more;
}

function fillsSection(r: DriftReport): string {
  if (r.fills.length === 0) return '<p>The run filled no order.</p>';
  return table(r.fills.map((f) => [
    shortTime(f.decisionTime), f.attempt > 1 ? `${shortTime(f.sentTime)} (attempt ${f.attempt})` : shortTime(f.sentTime), f.side, f.role ?? '—',
    price(f.runPrice), f.modelPrice === null ? '—' : price(f.modelPrice),
    f.slippageBps === null ? '—' : { text: signed(f.slippageBps), cls: f.slippageBps > 0 ? 'neg' : f.slippageBps < 0 ? 'pos' : undefined },
    String(f.runAmount), f.modelAmount === null ? '—' : String(f.modelAmount), money(f.runFee, 4), f.modelFee === null ? '—' : money(f.modelFee, 4), f.note ?? '',
  ]), ['decision bar', 'sent after bar', 'side', 'role', 'run price', 'model price', 'slippage [bps]', 'run amount', 'model amount', 'run fee', 'model fee', 'note']);
}

function rejectedSection(r: DriftReport): string {
  if (r.rejected.length === 0) return '<p>No order of the run was rejected or vetoed.</p>';
  return table(r.rejected.map((o) => [shortTime(o.decisionTime), o.side, o.status, o.reason, o.clientOrderId, o.error ?? '']),
    ['decision bar', 'side', 'status', 'reason', 'client order id', 'error'], 'left');
}

function modelOnlySection(r: DriftReport): string {
  if (r.modelOnly.length === 0) return '<p>Every fill of the replay has its run fill.</p>';
  return table(r.modelOnly.map((m) => [shortTime(m.decisionTime), m.side, price(m.price), String(m.amount), money(m.fee, 4)]),
    ['decision bar', 'side', 'price', 'amount', 'fee']);
}

export function renderDriftReport(r: DriftReport): string {
  const title = `Drift report: ${r.run.kind} run #${r.run.id}, ${r.run.symbol} ${r.run.timeframe} ${r.run.strategy}`;
  const s = r.summary;
  const summary: Cell[][] = [
    ['Bars compared', String(s.barsCompared)], ['Bars that differ', String(s.differing)],
    ...Object.entries(s.byReason).map(([k, v]): Cell[] => [`  ${k}`, { text: String(v), cls: k === 'unexplained' && v > 0 ? 'neg' : undefined }]),
    ['Fills (run / replay / paired)', `${s.runFills} / ${s.modelFills} / ${s.pairedFills}`],
    ['Slippage vs the model [bps]', distributionText(r.slippageBps)],
    ['Run fee rate [bps]', distributionText(r.feeBps.run)], ['Model fee rate [bps]', distributionText(r.feeBps.model)],
    ['Fees, run / model', `${money(s.runFees, 4)} / ${money(s.modelFees, 4)}`],
    ['Fees of paired fills, run / model', `${money(s.pairedRunFees, 4)} / ${money(s.pairedModelFees, 4)}`],
    ['Final equity, run / replay', `${money(s.finalRunEquity ?? Number.NaN)} / ${money(s.finalReplayEquity ?? Number.NaN)}`],
    ['Final gap (run − replay)', s.finalGap === null ? '—' : pnlCell(s.finalGap)], ['Final gap [%]', num(s.finalGapPct, 3)],
    ['Largest gap', money(s.maxAbsGap ?? Number.NaN)],
  ];
  const time = Float64Array.from(r.equity.time);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${CSS}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<pre class="note" id="facts">${escapeHtml(driftReportText(r))}</pre>
<h2>Summary</h2>
<div id="summary">${table(summary)}</div>
<h2>Equity, run [${escapeHtml(r.run.account)}]</h2>
<div id="equity-run">${svgPlot({ time, value: Float64Array.from(r.equity.run), color: '#1f5fbf' })}</div>
<h2>Equity gap, run − replay</h2>
<div id="equity-gap">${svgPlot({ time, value: Float64Array.from(r.equity.gap), color: '#b03030', area: true })}</div>
<h2>Decisions that differ (${r.summary.differing})</h2>
<div id="decisions">${decisionsSection(r)}</div>
<h2>Fills (${r.fills.length})</h2>
<div id="fills">${fillsSection(r)}</div>
<h2>Rejected and vetoed orders (${r.rejected.length})</h2>
<div id="rejected">${rejectedSection(r)}</div>
<h2>Replay fills without a run fill (${r.modelOnly.length})</h2>
<div id="model-only">${modelOnlySection(r)}</div>
<h2>Conventions</h2>
<div id="conventions">${r.notes.map((c) => `<p class="note">${escapeHtml(c)}</p>`).join('')}</div>
</body></html>
`;
}
