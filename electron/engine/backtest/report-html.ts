// The --report page: one self-contained HTML file (inline CSS and SVG, no scripts, no URLs) with stats, plots and trades.
import type { BacktestStats, TradeRecord } from './metrics/types';
import { drawdownCurve, svgPlot } from './report-svg';
import { formatDuration, isoTime, statRows } from './stat-labels';

export interface ReportInput {
  title: string;
  /** Free-form facts shown under the title (strategy, params, data, costs); all escaped. */
  facts: [string, string][];
  stats: BacktestStats;
  trades: readonly TradeRecord[];
  time: Float64Array;
  equity: Float64Array;
  /** Trades listed in full up to this many; the rest are counted. */
  maxTrades?: number;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px}h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse}td,th{padding:2px 10px;border-bottom:1px solid #eee;text-align:right}td:first-child,th:first-child{text-align:left}
.plot{width:100%;max-width:960px;height:auto}.plot text{font-size:11px;fill:#555}.facts td{text-align:left}.neg{color:#b00}.pos{color:#070}`;

function rows(cells: string[][], header?: string[]): string {
  const head = header ? `<tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>` : '';
  return `<table>${head}${cells.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</table>`;
}

function tradesTable(trades: readonly TradeRecord[], max: number): string {
  if (trades.length === 0) return '<p>No closed trades.</p>';
  const shown = trades.slice(0, max).map((t, i) => [
    String(i + 1), t.size > 0 ? 'long' : 'short', isoTime(t.entryTime), isoTime(t.exitTime), formatDuration(t.exitTime - t.entryTime),
    String(Math.abs(t.size)), t.entryPrice.toFixed(4), t.exitPrice.toFixed(4), t.pnl.toFixed(2), t.returnPct.toFixed(2), t.fees.toFixed(2),
  ]);
  const more = trades.length > max ? `<p>… and ${trades.length - max} more trades (see --json for all).</p>` : '';
  return rows(shown, ['#', 'side', 'entry', 'exit', 'held', 'size', 'entry price', 'exit price', 'P&L', 'return [%]', 'fees']) + more;
}

export function renderReport(r: ReportInput): string {
  const equityPlot = svgPlot({ time: r.time, value: r.equity, color: '#1f5fbf' });
  const ddPlot = svgPlot({ time: r.time, value: drawdownCurve(r.equity), color: '#b03030', area: true });
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(r.title)}</title><style>${CSS}</style></head>
<body>
<h1>${escapeHtml(r.title)}</h1>
<table class="facts">${r.facts.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<h2>Statistics</h2>
<div id="stats">${rows(statRows(r.stats))}</div>
<h2>Equity</h2>
<div id="equity">${equityPlot}</div>
<h2>Drawdown [%]</h2>
<div id="drawdown">${ddPlot}</div>
<h2>Trades (${r.trades.length})</h2>
<div id="trades">${tradesTable(r.trades, r.maxTrades ?? 1000)}</div>
</body></html>
`;
}
