// Plain-text pieces of a daily report shared by the CLI summary, the HTML page, the CSV journal and the alert.
import { isoTime } from '../backtest/stat-labels';
import type { DecisionSummary, VoteSummary } from './decision-votes';

export function money(n: number, digits = 2): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '—';
}

/** +1.23 / -1.23 / 0.00; "—" for NaN. */
export function signed(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return '—';
  const text = n.toFixed(digits);
  if (Number(text) === 0) return (0).toFixed(digits);
  return n > 0 ? `+${text}` : text;
}

/** Prices keep their significant digits (FIL at 4.1234, BTC at 65000.12). */
export function price(n: number): string {
  return Number.isFinite(n) ? String(Number(n.toPrecision(8))) : '—';
}

export function voteText(v: VoteSummary): string {
  const head = v.abstained ? `${v.agent} abstained` : `${v.agent} ${signed(v.direction)} (conf ${v.confidence.toFixed(2)})`;
  return v.reason ? `${head}: ${v.reason}` : head;
}

/** "BUY 2023-08-01T22:31:00Z score +1.000" */
export function decisionHead(d: DecisionSummary): string {
  return `${d.action.toUpperCase()} ${isoTime(d.time)} score ${signed(d.score, 3)}${d.veto ? ` (vetoed: ${d.veto})` : ''}${d.regime ? ` [${d.regime}]` : ''}`;
}

export function votesText(d: DecisionSummary | undefined): string {
  if (!d) return '';
  return d.votes.map(voteText).join(' | ');
}

/** "2023-08-01 22:24:59" (UTC, to the second): for tables people read; the CSV keeps full ISO times. */
export function shortTime(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 19).replace('T', ' ') : '—';
}

export { isoTime };
