// The daily report as one self-contained HTML file, like the backtest report: inline CSS and SVG, no scripts, no URLs.
import { escapeHtml } from '../backtest/report-html';
import { drawdownCurve, svgPlot } from '../backtest/report-svg';
import { formatDuration } from '../backtest/stat-labels';
import type { DailyReport, ReportTrade } from './daily-report';
import type { DecisionSummary } from './decision-votes';
import { decisionHead, isoTime, money, price, shortTime, signed, voteText } from './report-format';

export const CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}h1{font-size:20px}h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse}td,th{padding:2px 10px;border-bottom:1px solid #eee;text-align:right;vertical-align:top;white-space:nowrap}
td:first-child,th:first-child{text-align:left}.facts td,.left td,.votes td{text-align:left}
.plot{width:100%;max-width:960px;height:auto}.plot text{font-size:11px;fill:#555}.neg{color:#b00}.pos{color:#070}
.votes td,.left td{white-space:normal}.votes td{color:#555;font-size:12px;border-bottom:1px solid #ddd}.headline{font-weight:600}.note{color:#555;font-size:12px}`;

export type Cell = string | { text: string; cls?: string };

export function cell(c: Cell, tag: 'td' | 'th'): string {
  if (typeof c === 'string') return `<${tag}>${escapeHtml(c)}</${tag}>`;
  return `<${tag}${c.cls ? ` class="${c.cls}"` : ''}>${escapeHtml(c.text)}</${tag}>`;
}

export function table(cells: Cell[][], header?: string[], cls?: string): string {
  const head = header ? `<tr>${header.map((h) => cell(h, 'th')).join('')}</tr>` : '';
  return `<table${cls ? ` class="${cls}"` : ''}>${head}${cells.map((r) => `<tr>${r.map((c) => cell(c, 'td')).join('')}</tr>`).join('')}</table>`;
}

export function pnlCell(n: number, digits = 2): Cell {
  return { text: signed(n, digits), cls: n > 0 ? 'pos' : n < 0 ? 'neg' : undefined };
}

function decisionLine(label: string, d: DecisionSummary | undefined, fallback: string): string {
  if (!d) return `<b>${escapeHtml(label)}</b>: ${escapeHtml(fallback)}`;
  const votes = d.votes.map((v) => escapeHtml(voteText(v))).join('<br>');
  return `<b>${escapeHtml(label)}</b>: ${escapeHtml(decisionHead(d))}${votes ? `<br>${votes}` : ''}`;
}

function exitFallback(t: ReportTrade): string {
  if (t.exitBy && t.exitBy !== 'exit' && t.exitBy !== 'entry') return `${t.exitBy} (no decision: placed by ${t.exitBy === 'flatten' ? 'the kill switch or a flatten' : 'the session\'s protection'})`;
  return 'no recorded decision';
}

function tradesSection(r: DailyReport): string {
  if (r.trades.length === 0) return '<p>No trade closed this day.</p>';
  const header = ['#', 'symbol', 'session', 'side', 'entry', 'exit', 'held', 'size', 'entry price', 'exit price', 'P&L', 'return [%]', 'fees', 'exit by'];
  const rows = r.trades.map((t, i) => {
    const main = [
      String(i + 1), t.symbol, t.sessionId === null ? '—' : `${t.sessionId}${t.strategy ? ` ${t.strategy}` : ''}`, t.side, shortTime(t.entryTime), shortTime(t.exitTime),
      formatDuration(t.exitTime - t.entryTime), String(t.size), price(t.entryPrice), price(t.exitPrice), pnlCell(t.pnl), pnlCell(t.returnPct), money(t.fees), t.exitBy ?? '—',
    ].map((c) => cell(c, 'td')).join('');
    const why = `${decisionLine('Entry', t.entry, 'no recorded decision')}<br>${decisionLine('Exit', t.exit, exitFallback(t))}`;
    return `<tr class="trade">${main}</tr><tr class="votes"><td></td><td colspan="${header.length - 1}">${why}</td></tr>`;
  });
  return `<table><tr>${header.map((h) => cell(h, 'th')).join('')}</tr>${rows.join('')}</table>`;
}

function positionsSection(r: DailyReport): string {
  if (r.openPositions.length === 0) return '<p>Nothing held at the day\'s end.</p>';
  return table(r.openPositions.map((p) => [
    p.symbol, p.sessionId === null ? '—' : `${p.sessionId}${p.strategy ? ` ${p.strategy}` : ''}`, String(p.size), price(p.entryPrice), shortTime(p.openedAt),
    price(p.mark), pnlCell(p.unrealizedPnl), p.entry ? decisionHead(p.entry) : '—',
  ]), ['symbol', 'session', 'size', 'entry price', 'opened', 'mark', 'unrealized P&L', 'entry decision']);
}

function eventsSection(r: DailyReport): string {
  if (r.events.length === 0) return '<p>No circuit breaker or kill-switch event this day.</p>';
  return table(r.events.map((e) => [shortTime(e.time), e.kind, e.name, e.level, e.message]), ['time', 'kind', 'name', 'level', 'message'], 'left');
}

function plots(r: DailyReport): string {
  const time = Float64Array.from(r.curve.time);
  const equity = Float64Array.from(r.curve.equity);
  return `<h2>Equity [${escapeHtml(r.quote)}]</h2>
<div id="equity">${svgPlot({ time, value: equity, color: '#1f5fbf' })}</div>
<h2>Drawdown [%]</h2>
<div id="drawdown">${svgPlot({ time, value: drawdownCurve(equity), color: '#b03030', area: true })}</div>`;
}

export function renderDailyReport(r: DailyReport): string {
  const title = `Daily report: ${r.account}, ${r.date} (UTC)`;
  const facts: [string, string][] = [
    ['Account', `${r.account} (${r.mode}, quote ${r.quote})`],
    ['Day', `${isoTime(r.from)} .. ${isoTime(r.to)}${r.complete ? '' : ` (up to ${isoTime(r.asOf)}, the day is not over)`}`],
    ['Equity basis', r.equity.basis === 'paper-cash' ? `paper cash ${money(r.equity.basisAmount)} + fills` : `session budgets ${money(r.equity.basisAmount)} + fills (nominal)`],
  ];
  const summary: Cell[][] = [
    ['Equity at start', money(r.equity.start)], ['Equity at end', money(r.equity.end)],
    ['P&L', pnlCell(r.pnl)], ['P&L [%]', pnlCell(r.pnlPct)], ['Realized P&L (closed trades)', pnlCell(r.realizedPnl)],
    ['Fees', money(r.fees)], ['Fills', String(r.fills)], ['Trades closed', `${r.trades.length} (${r.won} won, ${r.lost} lost)`],
    ['Max. drawdown that day [%]', money(r.dayMaxDrawdownPct)],
  ];
  const toDate: Cell[][] = [
    ['Since', isoTime(r.toDate.since).slice(0, 10)], ['Daily returns', String(r.toDate.days)], ['Return [%]', pnlCell(r.toDate.returnPct)],
    ['Sharpe ratio (daily, ×√365)', signed(r.toDate.sharpe, 3)], ['Max. drawdown [%]', money(r.toDate.maxDrawdownPct)],
  ];
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${CSS}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<table class="facts">${facts.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<p class="headline" id="headline">${escapeHtml(r.headline)}</p>
<h2>Summary</h2>
<div id="summary">${table(summary)}</div>
<h2>To date</h2>
<div id="to-date">${table(toDate)}</div>
${plots(r)}
<h2>Trades closed (${r.trades.length})</h2>
<div id="trades">${tradesSection(r)}</div>
<h2>Open positions at the day's end (${r.openPositions.length})</h2>
<div id="positions">${positionsSection(r)}</div>
<h2>Circuit breakers and kill switch (${r.events.length})</h2>
<div id="events">${eventsSection(r)}</div>
<h2>Conventions</h2>
<div id="conventions">${r.conventions.map((c) => `<p class="note">${escapeHtml(c)}</p>`).join('')}</div>
</body></html>
`;
}
