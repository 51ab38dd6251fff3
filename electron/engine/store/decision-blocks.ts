// Reads a run's decision column blocks for a time range, and turns their rows into decisions (reasons left empty).
import type { Database } from 'better-sqlite3';
import type { Decision } from '../../../shared/domain';
import { firstAtOrAfter } from '../model/time-search';
import { decodeDecisionBlock } from '../trading/decision-block';
import { readRow, sliceColumns, type DecisionColumns } from '../trading/decision-columns';

interface BlockRow {
  symbol: string;
  first_time: number;
  data: Buffer;
}

export interface RangedColumns {
  symbol: string;
  columns: DecisionColumns;
}

/** Blocks overlapping [from, to), cut to the range, in time order. */
export function readDecisionBlocks(db: Database, runId: number, from: number, to: number): RangedColumns[] {
  const rows = db
    .prepare('SELECT symbol, first_time, data FROM decision_blocks WHERE run_id = ? AND last_time >= ? AND first_time < ? ORDER BY first_time, symbol')
    .all(runId, from, to) as BlockRow[];
  return rows.map((r) => {
    const columns = decodeDecisionBlock(r.data, `run ${runId} ${r.symbol} @${r.first_time}`);
    const a = firstAtOrAfter(columns.time, from);
    const b = firstAtOrAfter(columns.time, to);
    return { symbol: r.symbol, columns: a === 0 && b === columns.length ? columns : sliceColumns(columns, a, b) };
  });
}

/** How many bars the run's blocks hold in [from, to) (for limits: the latest N are read, not all). */
export function blockSpans(db: Database, runId: number, from: number, to: number): { first: number; last: number; rows: number }[] {
  return db
    .prepare('SELECT first_time AS first, last_time AS last, rows FROM decision_blocks WHERE run_id = ? AND last_time >= ? AND first_time < ? ORDER BY first_time DESC')
    .all(runId, from, to) as { first: number; last: number; rows: number }[];
}

/** Every row of the ranged blocks as a decision without reasons. */
export function blockDecisions(blocks: readonly RangedColumns[]): Decision[] {
  const out: Decision[] = [];
  for (const { symbol, columns } of blocks) for (let i = 0; i < columns.length; i++) out.push(readRow(columns, i, symbol));
  return out;
}
