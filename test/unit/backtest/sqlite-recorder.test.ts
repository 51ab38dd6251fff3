// A backtest recorded into a real SQLite store: one run row, decisions, orders linked to them, fills linked to orders.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBacktest } from '../../../electron/engine/backtest';
import { openStore } from '../../../electron/engine/store/database';
import { SqliteRecorder } from '../../../electron/engine/trading';
import { WAVE_RUN, waveSeries } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'quorum-recorder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const wave = waveSeries();

describe('SqliteRecorder', () => {
  it('writes the run, a decision for every candle, orders and fills, linked by ids', async () => {
    const { db } = openStore(join(dir, 'quorum.db'));
    const r = await runBacktest({
      ...WAVE_RUN,
      series: wave,
      recorder: new SqliteRecorder(db, { currency: 'USDT' }),
    });
    const run = db.prepare('SELECT * FROM runs').get() as Record<string, unknown>;
    expect(run).toMatchObject({ kind: 'backtest', strategy: 'sma-cross', symbol: 'X', status: 'finished' });
    expect(JSON.parse(run.params as string)).toEqual({ fast: 2, slow: 3 });
    expect(JSON.parse(run.stats as string).trades).toBe(r.stats.trades);
    const all = db.prepare('SELECT action, votes FROM decisions ORDER BY time').all() as { action: string; votes: string }[];
    expect(all).toHaveLength(wave.length);
    const decisions = all.filter((d) => d.action !== 'hold');
    expect(decisions.map((d) => d.action)).toEqual(['buy', 'sell', 'buy']);
    expect(JSON.parse(decisions[0].votes)[0].reasons[0]).toMatch(/crossed above/);
    const orders = db.prepare('SELECT client_order_id, status, decision_id, filled FROM orders ORDER BY id').all() as Record<string, unknown>[];
    expect(orders).toHaveLength(r.orders);
    expect(orders.every((o) => o.status === 'filled' && o.decision_id !== null)).toBe(true);
    expect(orders[0].client_order_id).toBe(`${run.id}:X:${wave.time[5]}:1`);
    const fills = db.prepare('SELECT COUNT(*) AS n FROM fills f JOIN orders o ON o.id = f.order_id').get() as { n: number };
    expect(fills.n).toBe(r.fills);
    db.close();
  });

  it('a second run gets its own id, so client order ids never collide', async () => {
    const { db } = openStore(join(dir, 'quorum.db'));
    const opts = { series: wave, symbol: 'X', strategy: 'sma-cross', params: { fast: 2, slow: 3 }, sizing: 'fixed:1' };
    await runBacktest({ ...opts, recorder: new SqliteRecorder(db) });
    const runs = db.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number };
    expect(runs.n).toBe(2);
    db.close();
  });
});
