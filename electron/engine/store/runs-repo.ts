// Read side of runs and their decisions, for the UI and the CLI: recent runs, and decisions with their votes.
import type { Database } from 'better-sqlite3';
import type { Decision, Vote } from '../../../shared/domain';
import type { RunSource } from '../trading/recorder';
import { blockDecisions, blockSpans, readDecisionBlocks } from './decision-blocks';

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
  /** Candle source and strategy base of a run stored since schema v5 (null for older runs and paper/live). */
  source: RunSource | null;
}

export interface DecisionRange {
  from?: number;
  to?: number;
  limit?: number;
  actionsOnly?: boolean;
}

const MIN_TIME = -8.64e15;
const MAX_TIME = 8.64e15;

export type StoredDecision = Decision;

interface RawRun {
  id: number; kind: RunRow['kind']; strategy: string; params: string; symbol: string | null; timeframe: string | null;
  status: string; started_at: number; ended_at: number | null; stats: string | null; source: string | null;
}

interface RawDecision {
  time: number; symbol: string; action: Decision['action']; score: number; veto: string | null; alignment: string | null; votes: string;
  regime: string | null;
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

  /**
   * Decisions of a run in time order, optionally within [from, to) and capped at `limit` (the latest ones). Acting
   * decisions come with their votes' reasons; holds of a stored backtest come from its column blocks, with the
   * numbers of every vote but no reasons (see RunDecisions, which recomputes them).
   */
  decisions(runId: number, range: DecisionRange = {}): StoredDecision[] {
    const limit = range.limit ?? 1_000_000;
    const to = range.to ?? MAX_TIME;
    let from = range.from ?? MIN_TIME;
    const rows = this.rows(runId, from, to, limit, range.actionsOnly ?? false);
    if (range.actionsOnly) return rows;
    // Only the blocks that hold the latest `limit` bars are decoded.
    let counted = 0;
    for (const span of blockSpans(this.db, runId, from, to)) {
      counted += span.rows;
      if (counted >= limit) {
        from = Math.max(from, span.first);
        break;
      }
    }
    const blocks = readDecisionBlocks(this.db, runId, from, to);
    if (blocks.length === 0) return rows;
    const acting = new Map(rows.map((d) => [`${d.symbol}\n${d.time}`, d]));
    // An acting row has the exact numbers and the veto its order met.
    const merged = blockDecisions(blocks).map((d) => acting.get(`${d.symbol}\n${d.time}`) ?? d);
    return merged.slice(Math.max(0, merged.length - limit));
  }

  private rows(runId: number, from: number, to: number, limit: number, actionsOnly: boolean): StoredDecision[] {
    const rows = this.db
      .prepare(
        `SELECT time, symbol, action, score, veto, alignment, votes, regime FROM decisions
         WHERE run_id = ? AND time >= ? AND time < ? ${actionsOnly ? "AND action != 'hold'" : ''}
         ORDER BY time DESC LIMIT ?`,
      )
      .all(runId, from, to, limit) as RawDecision[];
    return rows.reverse().map(toDecision);
  }
}

function toRun(r: RawRun): RunRow {
  return {
    id: r.id, kind: r.kind, strategy: r.strategy, params: JSON.parse(r.params) as Record<string, unknown>, symbol: r.symbol,
    timeframe: r.timeframe, status: r.status, startedAt: r.started_at, endedAt: r.ended_at,
    stats: r.stats ? (JSON.parse(r.stats) as Record<string, unknown>) : null,
    source: r.source ? (JSON.parse(r.source) as RunSource) : null,
  };
}

function toDecision(r: RawDecision): StoredDecision {
  return {
    time: r.time, symbol: r.symbol, action: r.action, score: r.score, votes: JSON.parse(r.votes) as Vote[],
    ...(r.veto ? { veto: r.veto } : {}), ...(r.alignment ? { alignment: r.alignment as Decision['alignment'] } : {}),
    ...(r.regime ? { regime: r.regime } : {}),
  };
}
