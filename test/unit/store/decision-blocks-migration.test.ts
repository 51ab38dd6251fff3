// Schema v5 converts a stored run's per-bar decision rows into column blocks: holds leave the rows table, acting rows
// stay with their reasons and the orders that point at them, and the run reads back bar for bar.
import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Vote } from '../../../shared/domain';
import { openStore } from '../../../electron/engine/store/database';
import { migrate } from '../../../electron/engine/store/migrate';
import { MIGRATIONS } from '../../../electron/engine/store/migrations';
import { RunsRepository } from '../../../electron/engine/store/runs-repo';
import { tempDir } from '../../support/temp';

const votes = (d: number): Vote[] => [
  { agent: 'QuantAnalyst', direction: d, confidence: 0.3, reasons: [`RSI(14)=${50 + d}`] },
  { agent: 'RiskAudit', direction: 0, confidence: 0, reasons: ['clear'] },
];

describe('migration v5: decisions as column blocks', () => {
  it('moves holds into blocks, keeps acting rows and their orders, and reads every bar back', () => {
    const path = join(tempDir(), 'v4.db');
    const old = new BetterSqlite3(path);
    old.pragma('foreign_keys = ON');
    migrate(old, MIGRATIONS, 4);
    const runId = Number(old.prepare("INSERT INTO runs (kind, strategy, params, symbol, status, started_at) VALUES ('backtest', 'panel', '{}', 'FIL/USDT', 'finished', 0)").run().lastInsertRowid);
    const insert = old.prepare('INSERT INTO decisions (run_id, time, symbol, action, score, alignment, veto, votes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const BARS = 20_000;
    old.transaction(() => {
      for (let i = 0; i < BARS; i++) {
        const action = i % 1000 === 10 ? 'buy' : i % 1000 === 500 ? 'exit' : 'hold';
        insert.run(runId, i * 60_000, 'FIL/USDT', action, i / BARS, 'aligned', i === 7 ? 'volatility spike: bar range 4.0x' : null, JSON.stringify(votes(i / BARS)));
      }
    })();
    const buyId = old.prepare("SELECT id FROM decisions WHERE time = ?").pluck().get(10 * 60_000);
    old.prepare(`INSERT INTO orders (run_id, decision_id, client_order_id, symbol, side, type, amount, status, filled, created_at, updated_at)
      VALUES (?, ?, 'c1', 'FIL/USDT', 'buy', 'market', 1, 'filled', 1, 0, 0)`).run(runId, buyId);
    old.close();

    const { db, migration } = openStore(path);
    expect(migration.applied[0]).toBe(5);
    expect(db.prepare('SELECT action, COUNT(*) AS n FROM decisions GROUP BY action ORDER BY action').all()).toEqual([{ action: 'buy', n: 20 }, { action: 'exit', n: 20 }]);
    expect(db.prepare('SELECT d.action FROM orders o JOIN decisions d ON d.id = o.decision_id').pluck().all()).toEqual(['buy']);
    expect(db.prepare('SELECT SUM(rows) FROM decision_blocks WHERE run_id = ?').pluck().get(runId)).toBe(BARS);

    const all = new RunsRepository(db).decisions(runId, { limit: 100_000 });
    expect(all).toHaveLength(BARS);
    expect(all[10].votes).toEqual(votes(10 / BARS)); // acting: exact numbers and reasons
    expect(all[11].votes[0]).toEqual({ agent: 'QuantAnalyst', direction: Math.fround(11 / BARS), confidence: Math.fround(0.3), reasons: [] });
    expect(all[7]).toMatchObject({ action: 'hold', veto: 'volatility spike', alignment: 'aligned' });
    const day = new RunsRepository(db).decisions(runId, { from: 1000 * 60_000, to: 1010 * 60_000 });
    expect(day.map((d) => d.time)).toEqual(Array.from({ length: 10 }, (_, k) => (1000 + k) * 60_000));
    const latest = new RunsRepository(db).decisions(runId, { limit: 3 });
    expect(latest.map((d) => d.time)).toEqual([BARS - 3, BARS - 2, BARS - 1].map((i) => i * 60_000));
    db.close();
  });
});
