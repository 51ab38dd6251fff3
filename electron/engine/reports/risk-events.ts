// An account's circuit-breaker and kill-switch events of a time range. Nothing keeps their history as such:
// breaker_state and kill_switch hold each one's latest trip only, so the alerts the safety desk raised for every trip and
// re-arm are the history, and the state rows add a trip whose alert is missing (e.g. raised while the app was closing).
import type { Database } from 'better-sqlite3';
import type { Alert } from '../../../shared/domain';

type AlertLevel = Alert['level'];

export interface RiskEvent {
  time: number;
  kind: 'breaker' | 'kill-switch';
  /** The breaker's name, or the kill switch's mode when known ('kill-switch' otherwise). */
  name: string;
  level: AlertLevel;
  message: string;
  /** Where it was read: an alert, or a trip found only in breaker_state / kill_switch. */
  from: 'alert' | 'breaker_state' | 'kill_switch';
}

/** An alert and a state row this close together are the same trip. */
const SAME_TRIP_MS = 60_000;

interface AlertRow {
  time: number;
  level: AlertLevel;
  source: string;
  message: string;
  details: string | null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function detailsAccount(details: string | null): string | undefined {
  if (!details) return undefined;
  try {
    const parsed = JSON.parse(details) as { account?: unknown };
    return typeof parsed.account === 'string' ? parsed.account : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Breaker alerts name their account ("Circuit breaker daily-loss on paper:binance tripped: …", see safety.ts); the
 * kill switch is one for the whole app, so its trips and re-arms are every account's, and its executor's reports
 * (details.account) are the account's they ran on.
 */
export function riskEvents(db: Database, account: string, from: number, to: number): RiskEvent[] {
  const onAccount = new RegExp(` on ${escapeRegExp(account)}(?![\\w:-])`);
  const alerts = db.prepare(`SELECT time, level, source, message, details FROM alerts
    WHERE time >= ? AND time < ? AND (source LIKE 'breaker:%' OR source = 'kill-switch') ORDER BY time, id`).all(from, to) as AlertRow[];
  const events: RiskEvent[] = [];
  for (const a of alerts) {
    if (a.source.startsWith('breaker:')) {
      if (onAccount.test(a.message)) events.push({ time: a.time, kind: 'breaker', name: a.source.slice('breaker:'.length), level: a.level, message: a.message, from: 'alert' });
      continue;
    }
    const owner = detailsAccount(a.details);
    if (owner !== undefined && owner !== account) continue;
    const mode = /\b(stop-entries|halt|flatten)\b/.exec(a.message)?.[1];
    events.push({ time: a.time, kind: 'kill-switch', name: mode ?? 'kill-switch', level: a.level, message: a.message, from: 'alert' });
  }
  const near = (kind: RiskEvent['kind'], name: string | undefined, time: number) =>
    events.some((e) => e.kind === kind && (name === undefined || e.name === name) && Math.abs(e.time - time) <= SAME_TRIP_MS);
  const trips = db.prepare('SELECT name, tripped_at, reason FROM breaker_state WHERE scope = ? AND tripped_at >= ? AND tripped_at < ?')
    .all(account, from, to) as { name: string; tripped_at: number; reason: string | null }[];
  for (const t of trips) {
    if (near('breaker', t.name, t.tripped_at)) continue;
    events.push({ time: t.tripped_at, kind: 'breaker', name: t.name, level: 'critical', from: 'breaker_state',
      message: `Circuit breaker ${t.name} on ${account} tripped${t.reason ? `: ${t.reason}` : ''}` });
  }
  const ks = db.prepare('SELECT mode, tripped_at, reason, source FROM kill_switch WHERE id = 1 AND tripped_at >= ? AND tripped_at < ?')
    .get(from, to) as { mode: string | null; tripped_at: number; reason: string | null; source: string | null } | undefined;
  if (ks && !near('kill-switch', undefined, ks.tripped_at)) {
    events.push({ time: ks.tripped_at, kind: 'kill-switch', name: ks.mode ?? 'kill-switch', level: 'critical', from: 'kill_switch',
      message: `Kill switch tripped: ${ks.mode ?? '?'} by ${ks.source ?? '?'}${ks.reason ? `: ${ks.reason}` : ''} (still latched)` });
  }
  return events.sort((a, b) => a.time - b.time);
}
