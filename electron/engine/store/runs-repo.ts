// Read side of runs and their decisions, for the UI and the CLI: recent runs, and decisions with their votes.
import type { Database } from 'better-sqlite3';
import type { Decision, Vote } from '../../../shared/domain';

export interface RunRow {
  id: number;
  kind: 'backtest' | 'paper' | 'live';
  strategy: string;
  params: Record<string, unknown>;
  symbol: string | null;
  timeframe: string | null;
  status: string;
  startedAt: number;
  endedAt: number | null;
  stats: Record<string, unknown> | null;
}

export type StoredDecision = Decision;

interface RawRun {
  id: number; kind: RunRow['kind']; strategy: string; params: string; symbol: string | null; timeframe: string | null;
  status: string; started_at: number; ended_at: number | null; stats: string | null;
}

interface RawDecision {
  time: number; symbol: string; action: Decision['action']; score: number; veto: string | null; alignment: string | null; votes: string;
}

export class RunsRepository {
  constructor(private readonly db: Database) {}

  list(limit: number): RunRow[] {
    const rows = this.db.prepare('SELECT * FROM runs ORDER BY id DESC LIMIT ?').all(limit) as RawRun[];
    return rows.map(toRun);
  }

  get(id: number): RunRow | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RawRun | undefined;
    return row && toRun(row);
  }

  /** Decisions of a run in time order, optionally within [from, to) and capped at `limit` (the latest ones). */
  decisions(runId: number, range: { from?: number; to?: number; limit?: number; actionsOnly?: boolean } = {}): StoredDecision[] {
    const rows = this.db
      .prepare(
        `SELECT time, symbol, action, score, veto, alignment, votes FROM decisions
         WHERE run_id = ? AND time >= ? AND time < ? ${range.actionsOnly ? "AND action != 'hold'" : ''}
         ORDER BY time DESC LIMIT ?`,
      )
      .all(runId, range.from ?? -8.64e15, range.to ?? 8.64e15, range.limit ?? 1_000_000) as RawDecision[];
    return rows.reverse().map(toDecision);
  }
}

function toRun(r: RawRun): RunRow {
  return {
    id: r.id, kind: r.kind, strategy: r.strategy, params: JSON.parse(r.params) as Record<string, unknown>, symbol: r.symbol,
    timeframe: r.timeframe, status: r.status, startedAt: r.started_at, endedAt: r.ended_at,
    stats: r.stats ? (JSON.parse(r.stats) as Record<string, unknown>) : null,
  };
}

function toDecision(r: RawDecision): StoredDecision {
  return {
    time: r.time, symbol: r.symbol, action: r.action, score: r.score, votes: JSON.parse(r.votes) as Vote[],
    ...(r.veto ? { veto: r.veto } : {}), ...(r.alignment ? { alignment: r.alignment as Decision['alignment'] } : {}),
  };
}
