// The daily trade journal as CSV (RFC 4180: comma separated, CRLF lines, quoted where needed): one row per trade that
// closed that day, full-precision numbers and ISO UTC times, the entry and exit decisions with their votes.
import type { DailyReport, ReportTrade } from './daily-report';
import { decisionHead, isoTime, votesText } from './report-format';

export const JOURNAL_COLUMNS = [
  'date', 'account', 'symbol', 'session', 'strategy', 'side', 'size', 'entry_time', 'entry_price', 'exit_time', 'exit_price',
  'pnl', 'return_pct', 'fees', 'exit_by', 'entry_decision', 'entry_votes', 'exit_decision', 'exit_votes',
] as const;

/** A field quoted when it holds a comma, a quote or a line break (quotes doubled); formula-leading text made inert. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  // Spreadsheets run a cell starting with = + - @ as a formula; a reason text must stay text. Numbers are left alone.
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(r: DailyReport, t: ReportTrade): (string | number | null)[] {
  return [
    r.date, r.account, t.symbol, t.sessionId, t.strategy ?? '', t.side, t.size,
    isoTime(t.entryTime), t.entryPrice, isoTime(t.exitTime), t.exitPrice, t.pnl, t.returnPct, t.fees,
    t.exitBy ?? '', t.entry ? decisionHead(t.entry) : '', votesText(t.entry), t.exit ? decisionHead(t.exit) : '', votesText(t.exit),
  ];
}

export function renderJournalCsv(r: DailyReport): string {
  const lines = [JOURNAL_COLUMNS.join(','), ...r.trades.map((t) => row(r, t).map(csvField).join(','))];
  return lines.join('\r\n') + '\r\n';
}
