// Keeps what a stored backtest needs to be shown again — exact stats, trades and the equity curve — beside its runs row.
import type { Database } from 'better-sqlite3';
import { packFloats, unpackFloats } from '../store/float-codec';
import type { BacktestStats, TradeRecord } from './metrics/types';

/**
 * runs.stats holds the stats as plain JSON (NaN/Infinity become null there). The exact values, the closed trades and
 * the full equity curve go in this side table, keyed by the run: time and equity as Float64 columns, packed since
 * schema v5 (encoding 'packed': see float-codec.ts; a year of 1m bars takes a few MB instead of 8.4) and raw
 * little-endian before (encoding NULL). The run's notes (runNotes: skipped
 * entries, vetoes, breaker trips) ride in the stats JSON under `notes` and are split off again on load.
 */
export interface StoredResult {
  stats: BacktestStats;
  trades: TradeRecord[];
  time: Float64Array;
  equity: Float64Array;
  /** Plain-language notes on the run (empty for runs stored before notes were kept). */
  notes?: string[];
}

/** JSON that keeps NaN and ±Infinity (as strings), so a loaded result equals the one that was run. */
export function exactJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
}

export function parseExactJson<T>(text: string): T {
  const special: Readonly<Record<string, number>> = { NaN: Number.NaN, Infinity: Infinity, '-Infinity': -Infinity };
  return JSON.parse(text, (_k, v: unknown) => (typeof v === 'string' && v in special ? special[v] : v)) as T;
}

function floats(b: Buffer): Float64Array {
  // Copy into an aligned buffer: a Buffer from SQLite may start at any byte offset.
  const out = new Float64Array(b.byteLength / 8);
  new Uint8Array(out.buffer).set(b);
  return out;
}

export function saveResult(db: Database, runId: number, r: StoredResult): void {
  db.prepare("INSERT OR REPLACE INTO backtest_results (run_id, stats, trades, time, equity, encoding) VALUES (?, ?, ?, ?, ?, 'packed')")
    .run(runId, exactJson({ ...r.stats, notes: r.notes ?? [] }), exactJson(r.trades), packFloats(r.time, true), packFloats(r.equity));
}

export function loadResult(db: Database, runId: number): StoredResult | undefined {
  const row = db.prepare('SELECT stats, trades, time, equity, encoding FROM backtest_results WHERE run_id = ?').get(runId) as
    | { stats: string; trades: string; time: Buffer; equity: Buffer; encoding: string | null }
    | undefined;
  if (!row) return undefined;
  const { notes = [], ...stats } = parseExactJson<BacktestStats & { notes?: string[] }>(row.stats);
  return {
    stats,
    notes,
    trades: parseExactJson<TradeRecord[]>(row.trades),
    time: row.encoding === 'packed' ? unpackFloats(row.time, true) : floats(row.time),
    equity: row.encoding === 'packed' ? unpackFloats(row.equity) : floats(row.equity),
  };
}
