// BacktestService: background runs with progress, cooperative cancel, and stored runs loaded back exactly.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BacktestService, type BacktestEvent } from '../../../electron/engine/backtest/service';
import { runBacktest } from '../../../electron/engine/backtest/run-backtest';
import { openStore } from '../../../electron/engine/store/database';
import { hasSharedData, sharedPath } from '../../shared-data';
import { tempDir } from '../../support/temp';
import { wave } from '../../support/wave';

const dir = tempDir('quorum-bt-service-');

describe('BacktestService', () => {
  const { db } = openStore(join(dir, 'svc.db'));
  const series = wave(50_000);
  const req = { data: { series, symbol: 'WAVE', timeframe: '1m' }, strategy: 'sma-cross', params: { fast: 5, slow: 20 }, options: { commission: 0.001 } };

  it('runs in the background with progress events, then loads the stored result exactly', async () => {
    const events: BacktestEvent[] = [];
    const svc = new BacktestService(db, (e) => events.push(e));
    const { jobId, runId } = await svc.start(req);
    const last = await svc.wait(jobId);
    expect(last).toMatchObject({ jobId, runId, state: 'finished', done: 50_000, total: 50_000 });
    const running = events.filter((e) => e.state === 'running');
    expect(running.length).toBeGreaterThanOrEqual(12);
    expect(running.map((e) => e.done)).toEqual([...running.map((e) => e.done)].sort((a, b) => a - b));
    // The service applies the app's risk settings (here the defaults) on a backtest-local state, as this direct run does.
    const direct = await runBacktest({ series, symbol: 'WAVE', strategy: 'sma-cross', params: { fast: 5, slow: 20 }, commission: 0.001, risk: {} });
    const loaded = svc.load(runId)!;
    expect(loaded.run).toMatchObject({ id: runId, status: 'finished', strategy: 'sma-cross' });
    expect(loaded.stats).toEqual(direct.stats);
    expect(loaded.trades).toEqual(direct.trades);
    expect(loaded.equity.value).toEqual(direct.equity);
    expect(loaded.equity.time).toEqual(direct.time);
    expect(svc.list().map((r) => r.id)).toContain(runId);
    expect(svc.load(987_654)).toBeUndefined();
  });

  it('keeps the run\'s notes (vetoes, breaker trips) with its stats; risk: false runs without the risk check', async () => {
    // The app's stored settings, here a 1 % drawdown breaker that is sure to trip.
    const svc = new BacktestService(db, () => {}, () => ({}), () => ({ breakers: { maxDrawdown: { maxDrawdownPct: 1 } } }));
    const short = { ...req, data: { ...req.data, series: wave(5_000) } };
    const on = await svc.start(short);
    await svc.wait(on.jobId);
    const notes = svc.load(on.runId)!.notes;
    expect(notes.some((n) => n.startsWith('circuit breaker max-drawdown tripped'))).toBe(true);
    expect(notes.some((n) => /^\d+ orders? vetoed: circuit breaker max-drawdown tripped/.test(n))).toBe(true);
    const off = await svc.start({ ...short, options: { ...short.options, risk: false } });
    await svc.wait(off.jobId);
    const direct = await runBacktest({ series: short.data.series, symbol: 'WAVE', strategy: 'sma-cross', params: { fast: 5, slow: 20 }, commission: 0.001 });
    expect(svc.load(off.runId)!.stats).toEqual(direct.stats);
    expect(svc.load(off.runId)!.notes).toEqual([]);
  });

  it('cancels cooperatively: the run stops early and is stored as cancelled', async () => {
    const svc = new BacktestService(db, (e) => {
      if (e.state === 'running' && e.done >= 8192) svc.cancel(e.jobId);
    });
    const { jobId, runId } = await svc.start(req);
    const last = await svc.wait(jobId);
    expect(last.state).toBe('cancelled');
    const loaded = svc.load(runId)!;
    expect(loaded.run.status).toBe('cancelled');
    expect(loaded.equity.value).toEqual(new Float64Array(0));
    expect(svc.cancel('bt-unknown')).toBe(false);
  });

  it('sees a cancel that arrives from outside (a timer, as an IPC call would)', async () => {
    const svc = new BacktestService(db);
    const { jobId } = await svc.start({ ...req, data: { ...req.data, series: wave(400_000) } });
    setTimeout(() => svc.cancel(jobId), 5);
    expect((await svc.wait(jobId)).state).toBe('cancelled');
  });

  it.skipIf(!hasSharedData)('loads data by file path and fails start() on a missing one', async () => {
    const svc = new BacktestService(db);
    const { jobId } = await svc.start({ data: sharedPath('data', 'backtesting.py', 'GOOG.csv'), strategy: 'sma-cross' });
    expect((await svc.wait(jobId)).stats?.trades).toBeGreaterThan(0);
    await expect(svc.start({ data: join(dir, 'nope.csv'), strategy: 'sma-cross' })).rejects.toThrow(/no such file/);
  });
});
