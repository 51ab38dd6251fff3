// Runs one backtest recorded into SQLite (run row, decisions, orders, fills) and saves its curve and trades beside it.
import type { Database } from 'better-sqlite3';
import { DiscardingRecorder, type RunInfo } from '../trading/recorder';
import { SqliteRecorder } from '../trading/sqlite-recorder';
import type { BacktestOptions } from './options';
import { runBacktest, type BacktestResult } from './run-backtest';
import { runNotes } from './run-notes';
import { saveResult } from './run-store';

/** A SqliteRecorder that remembers the id of the run it opened. */
export class RunIdRecorder extends SqliteRecorder {
  openedRunId: number | undefined;
  private readonly onStart?: (runId: number) => void;

  constructor(db: Database, onStart?: (runId: number) => void) {
    // 500 rows commit every few thousand bars, before the queued rows outlive V8's young generation: with 5,000 they
    // were promoted to the old one and piled up there as garbage (~35 MB more heap over five years of 1m).
    super(db, { batchRows: 500, columns: true });
    this.onStart = onStart;
  }

  override runStarted(run: RunInfo): string {
    const id = super.runStarted(run);
    this.openedRunId = Number(id);
    this.onStart?.(this.openedRunId);
    return id;
  }
}

export interface StoredRun {
  result: BacktestResult;
  runId: number;
}

/** `onStart` fires as soon as the run row exists (before the first bar), so a UI can show the run while it goes. */
export async function runStored(db: Database, options: Omit<BacktestOptions, 'recorder'>, onStart?: (runId: number) => void): Promise<StoredRun> {
  const recorder = new RunIdRecorder(db, onStart);
  const result = await runBacktest({ ...options, recorder });
  const runId = recorder.openedRunId as number;
  saveResult(db, runId, { stats: result.stats, trades: [...result.trades], time: result.time, equity: result.equity, notes: runNotes(result) });
  return { result, runId };
}

/**
 * A run kept nowhere (`quorum backtest --no-store`, sweep jobs): statistics, trades and counts only. Nothing is
 * recorded, so five years of 1m do not hold every acting decision, order and fill in memory (~260 MB of them).
 */
export function runNotStored(options: Omit<BacktestOptions, 'recorder' | 'recordHolds' | 'actingReasons'>): Promise<BacktestResult> {
  return runBacktest({ ...options, recorder: new DiscardingRecorder(), recordHolds: false, actingReasons: false });
}
