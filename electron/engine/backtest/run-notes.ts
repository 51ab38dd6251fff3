// Plain-language notes on a backtest — why entries were skipped or vetoed, which breakers tripped — for the CLI and the UI.
import type { BacktestResult } from './run-backtest';
import { isoTime } from './stat-labels';

export type NoteSource = Pick<BacktestResult, 'actions' | 'orders' | 'vetoes' | 'vetoReasons' | 'skippedEntries' | 'breakerTrips'>;

function times(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One line per breaker: how often it tripped, and the first trip with its reason (the full list is in the result). */
function tripLines(r: NoteSource): string[] {
  const byName = new Map<string, { count: number; time: number; reason: string }>();
  for (const t of r.breakerTrips) {
    const seen = byName.get(t.name);
    if (seen) seen.count++;
    else byName.set(t.name, { count: 1, time: t.time, reason: t.reason });
  }
  return [...byName].map(([name, t]) => `circuit breaker ${name} tripped ${times(t.count, 'time')} (first at ${isoTime(t.time)}: ${t.reason})`);
}

/** Empty for a run where every acting decision became an order and nothing tripped. */
export function runNotes(r: NoteSource): string[] {
  const notes: string[] = [];
  if (r.actions > 0 && r.orders === 0) {
    const why = r.skippedEntries.length > 0 || r.vetoes > 0 ? 'see why below' : 'each asked for the position already held (e.g. sell or exit while flat with shorts off)';
    notes.push(`no orders from ${times(r.actions, 'acting decision')}: ${why}`);
  }
  for (const s of r.skippedEntries) notes.push(`${times(s.count, 'entry', 'entries')} skipped: ${s.reason}`);
  for (const v of r.vetoReasons) notes.push(`${times(v.count, 'order')} vetoed: ${v.reason}`);
  return [...notes, ...tripLines(r)];
}
