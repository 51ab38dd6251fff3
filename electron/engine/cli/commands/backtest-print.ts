// Text and JSON output of `quorum backtest`: the labelled stats table, a short trades summary, the --json document.
import type { BacktestResult } from '../../backtest/run-backtest';
import { runNotes, type NoteSource } from '../../backtest/run-notes';
import { formatDuration, isoTime, statRows } from '../../backtest/stat-labels';
import type { TradeRecord } from '../../backtest/metrics/types';
import { table } from '../format';

export function statsTable(result: Pick<BacktestResult, 'stats'>): string {
  return table(['Statistic', 'Value'], statRows(result.stats));
}

function tradeRow(t: TradeRecord, n: number): (string | number)[] {
  return [n, t.size > 0 ? 'long' : 'short', isoTime(t.entryTime), isoTime(t.exitTime), formatDuration(t.exitTime - t.entryTime), t.entryPrice.toFixed(4), t.exitPrice.toFixed(4), t.pnl.toFixed(2), t.returnPct.toFixed(2)];
}

/** Counts, P&L split and the last few trades: enough to sanity-check a run, the rest is in --json / --report. */
export function tradesSummary(r: Pick<BacktestResult, 'trades' | 'orders' | 'fills' | 'vetoes' | 'actions' | 'finalPosition'>, last = 5): string {
  const { trades } = r;
  const wins = trades.filter((t) => t.pnl > 0);
  const longs = trades.filter((t) => t.size > 0).length;
  const pnl = trades.reduce((s, t) => s + t.pnl, 0);
  const lines = [
    `Trades: ${trades.length} closed (${longs} long, ${trades.length - longs} short), ${wins.length} winners, ${trades.length - wins.length} losers, net P&L ${pnl.toFixed(2)}`,
    `Activity: ${r.actions} acting decisions, ${r.orders} orders, ${r.fills} fills, ${r.vetoes} vetoes${r.finalPosition !== 0 ? `; still open at the end: ${r.finalPosition}` : ''}`,
  ];
  if (trades.length > 0) {
    const from = Math.max(0, trades.length - last);
    lines.push(`Last ${trades.length - from} trades:`);
    lines.push(table(['#', 'side', 'entry', 'exit', 'held', 'entry price', 'exit price', 'P&L', 'return %'], trades.slice(from).map((t, i) => tradeRow(t, from + i + 1))));
  }
  return lines.join('\n');
}

/** Skipped entries, vetoes and breaker trips in plain words; empty when there is nothing to say. */
export function notesText(r: NoteSource): string {
  const notes = runNotes(r);
  return notes.length === 0 ? '' : ['Notes:', ...notes.map((n) => `  - ${n}`)].join('\n');
}

/**
 * The --json document. Equity as two parallel arrays (bar times in ms, equity at each bar's close); NaN → null.
 * `notes` are runNotes; `breakerTrips` every circuit-breaker trip in bar time ({name, time, reason, rearmAt}).
 */
export function resultJson(r: Pick<BacktestResult, 'stats' | 'trades' | 'time' | 'equity' | 'breakerTrips'> & NoteSource): string {
  return JSON.stringify({
    stats: r.stats, trades: r.trades, equity: { time: Array.from(r.time), value: Array.from(r.equity) },
    notes: runNotes(r), breakerTrips: r.breakerTrips,
  });
}
