// One database, many uses: a stored backtest, then paper and live sessions. Backtest orders stay with their run, so
// no account's balances, positions or flatten sizes ever see them.
import { afterEach, describe, expect, it } from 'vitest';
import { seriesFromCandles } from '../../../electron/engine/model/candle-series';
import { hasSharedData } from '../../shared-data';
import { filCandles } from '../../support/binance-csv';
import { quorum } from '../../support/cli';
import { tempDir } from '../../support/temp';
import { tradingRig, type Rig } from '../../support/trading-rig';

const dir = tempDir();
let rig: Rig | undefined;
afterEach(async () => { await rig?.dispose(); rig = undefined; });

describe.skipIf(!hasSharedData)('accounts never see backtests', () => {
  it('a backtest left holding FIL changes nothing in the paper and live books, and a live flatten sells only what Quorum bought', async () => {
    const r = (rig = await tradingRig(dir, 'isolation.db'));
    const engine = await r.open();
    engine.data.candles.write({ exchange: 'binance', symbol: 'FIL/USDT', timeframe: '1m' }, seriesFromCandles(filCandles(2_000)));
    const reply = await engine.dispatcher.dispatch('backtest.start', {
      data: 'binance:FIL/USDT:1m', strategy: 'sma-cross', params: { fast: 3, slow: 8 }, options: { sizing: 'fraction:0.9', finalize: false },
      to: filCandles(2_000)[1_400].time,
    });
    expect(reply.ok).toBe(true);
    const runId = (reply as { value: { runId: number } }).value.runId;
    await expect.poll(() => engine.runs.get(runId)?.status, { timeout: 20_000 }).toBe('finished');
    const backtest = engine.store.db.prepare(`SELECT COUNT(*) AS n, SUM(CASE WHEN o.side = 'buy' THEN f.amount ELSE -f.amount END) AS net
      FROM fills f JOIN orders o ON o.id = f.order_id WHERE o.run_id = ?`).get(runId) as { n: number; net: number };
    expect(backtest.n).toBeGreaterThan(20);
    expect(backtest.net).toBeGreaterThan(100);
    expect(engine.store.db.prepare('SELECT COUNT(*) AS n FROM orders WHERE run_id = ? AND account_id IS NOT NULL').get(runId)).toEqual({ n: 0 });

    await r.start({ mode: 'paper', cash: 10_000 });
    const paper = engine.desk.account('paper:binance')!;
    expect(await paper.broker.fetchBalance()).toMatchObject({ currency: 'USDT', total: 10_000 });
    expect(await paper.broker.fetchPositions()).toEqual([]);
    expect(paper.positions()).toEqual([]);
    expect(engine.desk.status().sessions[0]).toMatchObject({ cash: 2_500, equity: 2_500 });
    expect(engine.desk.status().sessions[0].position).toBeUndefined();
    engine.desk.stopAll('test');

    await r.armLive();
    await r.start({ mode: 'live' });
    const live = engine.desk.account('live:binance')!;
    expect(live.positions()).toEqual([]);
    expect(engine.desk.status().sessions[0].position).toBeUndefined();
    engine.safety.trip('flatten', 'test', 'ui');
    await expect.poll(() => live.lastKill?.finishedAt ?? 0, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(live.lastKill?.closing).toEqual([]);
    expect(r.emulator.orderRequests).toHaveLength(0);
    expect(r.emulator.balances().FIL).toMatchObject({ free: 5_000 });
    const info = await quorum('db', 'info', '--db', r.dbPath);
    expect(info.out).toMatch(/live:binance \(live\): 0 open order\(s\), positions none, 1 session\(s\)/);
    expect(info.out).toMatch(/paper:binance \(paper, paper cash 10000 USDT\): 0 open order\(s\), positions none, 1 session\(s\)/);
  });

  it('migrates orders written before accounts existed: backtests stay with their run, the desk\'s join an account', async () => {
    const { openStore } = await import('../../../electron/engine/store/database');
    const { migrate } = await import('../../../electron/engine/store/migrate');
    const { MIGRATIONS } = await import('../../../electron/engine/store/migrations');
    const Database = (await import('better-sqlite3')).default;
    const path = `${dir}/v3.db`;
    const db = new Database(path);
    migrate(db, MIGRATIONS, 3);
    db.exec(`INSERT INTO runs (id, kind, strategy, started_at) VALUES (1, 'backtest', 'sma-cross', 0), (2, 'paper', 'sma-cross', 0);
      INSERT INTO orders (run_id, client_order_id, exchange_order_id, symbol, side, type, amount, status, created_at, updated_at) VALUES
        (1, 'bt-1', '7', 'FIL/USDT', 'buy', 'market', 2280, 'filled', 0, 0),
        (NULL, 'paper-1', 'paper-1', 'FIL/USDT', 'buy', 'market', 10, 'filled', 0, 0),
        (NULL, 'live-1', '123', 'FIL/USDT', 'buy', 'market', 5, 'filled', 0, 0);`);
    db.close();
    const store = openStore(path);
    const rows = store.db.prepare('SELECT client_order_id AS id, account_id AS account FROM orders ORDER BY rowid').all();
    expect(rows).toEqual([{ id: 'bt-1', account: null }, { id: 'paper-1', account: 'paper:binance' }, { id: 'live-1', account: 'live:binance' }]);
    expect(store.db.prepare('SELECT id, mode FROM accounts ORDER BY id').all()).toEqual([{ id: 'live:binance', mode: 'live' }, { id: 'paper:binance', mode: 'paper' }]);
    store.db.close();
  });
});
