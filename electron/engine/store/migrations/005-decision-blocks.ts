// Schema v5: a stored run's decisions as column blocks (every bar's action, score, codes and each agent's direction
// and confidence), reasons kept only on acting decisions; runs remember their candle source so reasons can be
// recomputed. Stored runs are converted: their hold rows become blocks and are deleted.
import type { Database } from 'better-sqlite3';
import type { Decision, Vote } from '../../../../shared/domain';
import { encodeDecisionBlock } from '../../trading/decision-block';
import { DecisionBlockWriter } from '../../trading/decision-block-writer';
import type { Migration } from './types';

const PAGE = 8_192;

interface Row {
  time: number; symbol: string; action: Decision['action']; score: number; alignment: string | null; veto: string | null; votes: string;
}

function convert(db: Database): void {
  const runs = db.prepare("SELECT DISTINCT run_id AS id FROM decisions WHERE action = 'hold'").pluck().all() as number[];
  const insert = db.prepare('INSERT INTO decision_blocks (run_id, symbol, first_time, last_time, rows, data) VALUES (?, ?, ?, ?, ?, ?)');
  // Read in pages by (symbol, time) through the table's unique index (a year of 1m rows is ~750 MB of JSON, and the
  // connection cannot insert while it iterates).
  const symbols = db.prepare('SELECT DISTINCT symbol FROM decisions WHERE run_id = ?').pluck();
  const page = db.prepare(`SELECT time, symbol, action, score, alignment, veto, votes FROM decisions
    WHERE run_id = ? AND symbol = ? AND time > ? ORDER BY time LIMIT ${PAGE}`);
  for (const runId of runs) {
    const writer = new DecisionBlockWriter((symbol, block) =>
      insert.run(runId, symbol, block.time[0], block.time[block.length - 1], block.length, encodeDecisionBlock(block)));
    for (const symbol of symbols.all(runId) as string[]) {
      for (let after = -8.64e15; ;) {
        const rows = page.all(runId, symbol, after) as Row[];
        for (const r of rows) {
          writer.add({ time: r.time, symbol: r.symbol, action: r.action, score: r.score, votes: JSON.parse(r.votes) as Vote[],
            ...(r.veto ? { veto: r.veto } : {}), ...(r.alignment ? { alignment: r.alignment as Decision['alignment'] } : {}) });
        }
        if (rows.length < PAGE) break;
        after = rows[rows.length - 1].time;
      }
    }
    writer.flush();
  }
  // Holds have no orders pointing at them; acting rows stay, with their reasons.
  db.exec("DELETE FROM decisions WHERE action = 'hold'");
}

export const decisionBlocks: Migration = {
  version: 5,
  name: 'decisions as column blocks',
  sql: `
CREATE TABLE decision_blocks (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  symbol TEXT NOT NULL,
  first_time INTEGER NOT NULL,
  last_time INTEGER NOT NULL,
  rows INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (run_id, symbol, first_time)
) WITHOUT ROWID;
-- Deleting decisions (holds here, a run's rows when it is deleted) checks the orders that point at each one.
CREATE INDEX orders_by_decision ON orders(decision_id);
-- The regime the panel weighed an acting decision's votes under (blocks keep it for every bar).
ALTER TABLE decisions ADD COLUMN regime TEXT;
-- NULL: time and equity as raw Float64 bytes; 'packed': see float-codec.ts.
ALTER TABLE backtest_results ADD COLUMN encoding TEXT;
-- JSON: the candle source, range and strategy base a run was prepared on (see RunSource).
ALTER TABLE runs ADD COLUMN source TEXT;
`,
  convert,
  vacuum: true,
};
