// Paper and live runs get the statistics a backtest gets when they finish: a paper session on the exchange emulator,
// stopped after 150 bars, has runs.stats (and its curve and trades beside it) rebuilt from its fills and the stored candles.
import { afterEach, describe, expect, it } from 'vitest';
import { loadResult } from '../../../electron/engine/backtest/run-store';
import { runBacktest } from '../../../electron/engine/backtest/run-backtest';
import type { BacktestStats } from '../../../electron/engine/backtest/metrics/types';
import { accountFills } from '../../../electron/engine/reports/account-fills';
import { rebuildRun } from '../../../electron/engine/reports/run-stats';
import { RunsRepository } from '../../../electron/engine/store/runs-repo';
import { Portfolio } from '../../../electron/engine/trading/portfolio';
import { hasSharedData } from '../../shared-data';
import { tempDir } from '../../support/temp';
import { tradingRig, type Rig } from '../../support/trading-rig';

const dir = tempDir();
let rig: Rig | undefined;
afterEach(async () => { await rig?.dispose(); rig = undefined; });

const KEY = { exchange: 'binance', symbol: 'FIL/USDT', timeframe: '1m' } as const;

describe.skipIf(!hasSharedData)('paper/live run statistics', () => {
  it('a stopped paper session stores backtest statistics rebuilt from its fills and the stored candles', async () => {
    // No loss-streak breaker: the backtest below runs without risk, so both must take every signal.
    const r = (rig = await tradingRig(dir, 'run-stats.db', { risk: { breakers: { consecutiveLosses: { enabled: false } } } }));
    const engine = await r.open();
    // The whole account is the session's budget, so the run's equity is the account's.
    await r.start({ mode: 'paper', cash: 10_000, budget: 10_000 });
    await r.bars(150);
    const session = engine.desk.status().sessions[0];
    const runId = Number(session.runId);
    engine.desk.stop(session.id);
    const equityAtStop = engine.desk.account('paper:binance')!.equity();

    const run = new RunsRepository(engine.store.db).get(runId)!;
    expect(run).toMatchObject({ kind: 'paper', status: 'finished' });
    const stats = run.stats as unknown as BacktestStats;
    expect(stats).not.toBeNull();
    // As many trades as the session's fills close, and the account's equity at stop, to the cent.
    const fills = accountFills(engine.store.db, 'paper:binance', { sessionId: session.id });
    const books = new Portfolio(10_000);
    for (const f of fills) books.applyFill(f);
    expect(books.trades.length).toBeGreaterThan(3);
    expect(stats.trades).toBe(books.trades.length);
    expect(Math.abs(stats.finalEquity - equityAtStop)).toBeLessThan(0.005);
    expect(stats.feesPaid).toBeCloseTo(fills.reduce((sum, f) => sum + f.fee, 0), 9);
    expect(stats.periodsPerYear).toBe(525_600);

    // The exact result sits beside the run, as a backtest's does: one equity point per bar the session traded.
    const saved = loadResult(engine.store.db, runId)!;
    expect(saved.equity).toHaveLength(150);
    expect(saved.trades).toHaveLength(stats.trades);
    expect(saved.equity[149]).toBeCloseTo(equityAtStop, 6);
    expect(saved.notes?.[0]).toMatch(/^Paper run of session 1 on paper:binance: statistics rebuilt from its \d+ fill/);
    expect(engine.backtests.load(runId)?.equity.value).toHaveLength(150);

    // A backtest of the same strategy on the same stored candles: the same statistics, field for field in shape.
    const series = engine.data.candles.load(KEY);
    const bt = await runBacktest({
      series, symbol: 'FIL/USDT', timeframe: '1m', strategy: 'sma-cross', params: { fast: 3, slow: 8 }, cash: 10_000, commission: 0.001,
      fill: 'close', from: saved.time[0], to: saved.time[saved.time.length - 1],
    });
    expect(Object.keys(stats).sort()).toEqual(Object.keys(bt.stats).sort());
    // runs.stats is plain JSON (NaN becomes null there, as for backtests); the exact values sit in the result.
    for (const k of Object.keys(bt.stats) as (keyof BacktestStats)[]) {
      expect([typeof saved.stats[k], k]).toEqual(['number', k]);
      expect(stats[k] ?? Number.NaN).toBe(Number.isNaN(saved.stats[k]) ? Number.NaN : saved.stats[k]);
    }
    expect(stats).toMatchObject({ start: bt.stats.start, end: bt.stats.end, duration: bt.stats.duration, periodsPerYear: bt.stats.periodsPerYear, buyHoldReturnPct: bt.stats.buyHoldReturnPct });
    // Same signals on the same bars, filled at the same closes: the same trades, held as long; the amounts differ a
    // little (the paper venue rounds to FIL's amount step), so the return does too.
    expect(stats).toMatchObject({ trades: bt.stats.trades, exposurePct: bt.stats.exposurePct, winRatePct: bt.stats.winRatePct });
    expect(Math.abs(stats.returnPct - bt.stats.returnPct)).toBeLessThan(0.5);
  }, 60_000);

  it('engine shutdown ends the run with its statistics; the resumed session opens a new run', async () => {
    const r = (rig = await tradingRig(dir, 'run-shutdown.db'));
    const engine = await r.open();
    await r.start({ mode: 'paper', cash: 10_000, budget: 10_000, resumeOnStart: true });
    await r.bars(40);
    const session = engine.desk.status().sessions[0];
    const runId = Number(session.runId);
    // What AccountDesk.close does for every runner at shutdown (wired there: runner.shutdown()).
    engine.desk.runner(session.id)!.shutdown();
    const run = new RunsRepository(engine.store.db).get(runId)!;
    expect(run.status).toBe('finished');
    expect(run.stats).toMatchObject({ finalEquity: expect.any(Number) });
    expect((run.stats as unknown as BacktestStats).finalEquity).toBeCloseTo(engine.desk.account('paper:binance')!.equity(), 2);
    expect(engine.store.db.prepare('SELECT status FROM sessions WHERE id = ?').get(session.id)).toEqual({ status: 'running' });
    const resumed = await r.restart();
    const again = resumed.desk.status().sessions[0];
    expect(again.id).toBe(session.id);
    expect(Number(again.runId)).toBeGreaterThan(runId);
    // The rebuild is a plain function of the store: the same numbers again, for any finished run.
    const rebuilt = rebuildRun(resumed.store.db, resumed.data.candles, runId, { endAt: (run.stats!.end as number) + 60_000 });
    expect(rebuilt?.stats.trades).toBe((run.stats as unknown as BacktestStats).trades);
  }, 60_000);
});
