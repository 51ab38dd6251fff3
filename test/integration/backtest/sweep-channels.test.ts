// The Sweep page's channels on the assembled engine (real SQLite file, real BTC/USDT 1h, the engine's warm worker
// pool): a sweep ranks what a direct sweep ranks, with progress per worker; a walk-forward keeps in-sample and
// out-of-sample apart and its stitched curve ends on the compounded OOS return; cancel stops a big grid early and
// leaves the pool usable; bad input is refused by field before anything runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../../shared/contract';
import { SWEEP_METRICS, type SweepJobResult, type SweepProgress, type SweepStarted } from '../../../shared/sweep-contract';
import { METRIC_NAMES, parseMetric } from '../../../electron/engine/backtest/metric';
import { expandGrid, parseParamAxis } from '../../../electron/engine/backtest/param-grid';
import { runSweep } from '../../../electron/engine/backtest/sweep';
import { runWalkForward } from '../../../electron/engine/backtest/walk-forward';
import { importCandleFile } from '../../../electron/engine/data/import-files';
import { Engine } from '../../../electron/engine/engine';
import { hasSharedData, SHARED_SKIP_REASON, sharedPath } from '../../shared-data';
import { captureLogger } from '../../support/engine';
import { tempDir } from '../../support/temp';

const DATA = 'binance:BTC/USDT:1h';
const AXES = [{ key: 'fast', from: 5, to: 20, step: 5 }, { key: 'slow', from: 30, to: 60, step: 10 }];
const OPTIONS = { commission: 0.001, risk: false };

describe.skipIf(!hasSharedData)(`sweep and walk-forward channels on the engine${hasSharedData ? '' : ` (${SHARED_SKIP_REASON})`}`, () => {
  const dir = tempDir('quorum-sweep-channels-');
  let engine: Engine;
  const progress: SweepProgress[] = [];

  async function ask(channel: string, payload: unknown) {
    return engine.dispatcher.dispatch(channel, payload);
  }
  async function ok<T>(channel: string, payload: unknown): Promise<T> {
    const reply = await ask(channel, payload);
    if (!reply.ok) throw new Error(`${channel} refused: ${reply.error.code} ${reply.error.field ?? ''} ${reply.error.message}`);
    return reply.value as T;
  }
  async function refused(channel: string, payload: unknown) {
    const reply = await ask(channel, payload);
    expect(reply.ok, `${channel} should be refused`).toBe(false);
    return (reply as Extract<typeof reply, { ok: false }>).error;
  }
  const eventsOf = (jobId: string) => progress.filter((e) => e.jobId === jobId);

  beforeAll(async () => {
    engine = Engine.start({ dbPath: `${dir}/sweep.db`, host: 'test', logger: captureLogger().logger, deskPollMs: 0, killSwitchPollMs: 0 });
    engine.events.subscribe((event: EventName, payload) => {
      if (event === 'sweep.progress') progress.push(payload as SweepProgress);
    });
    await importCandleFile(engine.data.candles, sharedPath('data', 'Pr4v33n23-freqtrade', 'BTC_USDT-1h.json.gz'), { exchange: 'binance' });
  }, 60_000);
  afterAll(() => engine?.close());

  it('sweeps a 4 × 4 grid on two workers: ranked as a direct sweep ranks, progress counted per worker', async () => {
    const started = await ok<SweepStarted>('sweep.start', { data: DATA, strategy: 'sma-cross', axes: AXES, metric: 'return', options: OPTIONS, workers: 2 });
    expect(started).toMatchObject({ combos: 16, total: 16, workers: Math.min(2, started.poolSize) });
    const last = await engine.sweeps.wait(started.jobId);
    expect(last).toMatchObject({ state: 'finished', done: 16, total: 16, kind: 'sweep' });
    expect(last.perWorker).toHaveLength(started.workers);
    expect(last.perWorker.reduce((a, b) => a + b, 0)).toBe(16);
    if (started.workers === 2) expect(last.perWorker.every((n) => n > 0)).toBe(true);
    expect(eventsOf(started.jobId)[0].state).toBe('running');

    const result = await ok<SweepJobResult>('sweep.result', { jobId: started.jobId });
    if (result.kind !== 'sweep') throw new Error('expected a sweep result');
    // What the engine's own sweep gives on the same data and options, in this thread.
    const input = await engine.backtests.sweepInput({ data: { dataset: DATA }, strategy: 'sma-cross', options: OPTIONS });
    const grid = expandGrid([parseParamAxis('fast=5..20:5'), parseParamAxis('slow=30..60:10')]);
    const direct = await runSweep({ series: input.series, base: input.base, grid, metric: parseMetric('return'), workers: 0 });
    expect(result.rows.map((r) => r.params)).toEqual(direct.ranked.map((r) => r.params));
    expect(result.rows.map((r) => r.returnPct)).toEqual(direct.ranked.map((r) => r.stats.returnPct));
    expect(result.rows.map((r) => r.score)).toEqual(result.rows.map((r) => r.returnPct));
    const scores = result.rows.map((r) => r.score as number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(result.rows[0]).toMatchObject({ rank: 1, trades: direct.ranked[0].stats.trades });
    expect(result.metric).toEqual({ name: 'return', field: 'returnPct', direction: 1 });
    expect(result.axes).toEqual(AXES);
  }, 60_000);

  it('walks forward: windows with in-sample winner and out-of-sample stats apart, the stitched OOS curve ends on the compounded return', async () => {
    const started = await ok<SweepStarted>('walkforward.start', {
      data: DATA, strategy: 'sma-cross', axes: AXES, metric: 'sharpe', options: OPTIONS, train: '60d', test: '30d', workers: 2,
    });
    expect(started.windows).toBeGreaterThanOrEqual(4);
    expect(started.total).toBe((started.windows ?? 0) * 16);
    const last = await engine.sweeps.wait(started.jobId);
    expect(last).toMatchObject({ state: 'finished', kind: 'walkforward', done: started.total, windows: { done: started.windows, total: started.windows } });
    expect(eventsOf(started.jobId).some((e) => e.phase === 'stitching')).toBe(true);

    const result = await ok<SweepJobResult>('sweep.result', { jobId: started.jobId });
    if (result.kind !== 'walkforward') throw new Error('expected a walk-forward result');
    const input = await engine.backtests.sweepInput({ data: { dataset: DATA }, strategy: 'sma-cross', options: OPTIONS });
    const grid = expandGrid([parseParamAxis('fast=5..20:5'), parseParamAxis('slow=30..60:10')]);
    const direct = await runWalkForward({
      series: input.series, base: input.base, grid, metric: parseMetric('sharpe'), workers: 0, train: { ms: 60 * 86_400_000 }, test: { ms: 30 * 86_400_000 }, anchored: false,
    });
    expect(result.windows).toHaveLength(direct.windows.length);
    for (const [i, w] of result.windows.entries()) {
      const d = direct.windows[i];
      expect(w.train).toEqual(d.train);
      expect(w.test).toEqual(d.test);
      expect(w.train.to).toBeLessThan(w.test.from);
      expect(w.best).toEqual(d.best);
      expect(w.inSample?.score).toBe(d.inSample?.sharpe);
      expect(w.outOfSample?.returnPct).toBe(d.outOfSample?.returnPct);
    }
    expect(result.stitchedReturnPct).toBeCloseTo(direct.outOfSample.compoundedReturnPct, 9);
    // The curve starts with the cash in the first test window and ends on the stitched return.
    const { time, value } = result.stitched;
    expect(time.length).toBeGreaterThan(100);
    expect(time[0]).toBe(result.windows[0].test.from);
    expect(time[time.length - 1]).toBe(result.windows[result.windows.length - 1].test.to);
    for (let i = 1; i < time.length; i++) expect(time[i]).toBeGreaterThan(time[i - 1]);
    expect((value[value.length - 1] / 10_000 - 1) * 100).toBeCloseTo(result.stitchedReturnPct as number, 6);
    expect(result.inSample.compoundedReturnPct).toBeNull();
  }, 120_000);

  it('cancels a big grid early (no result), and the next sweep runs on the same pool', async () => {
    const big = [{ key: 'fast', from: 2, to: 60, step: 1 }, { key: 'slow', from: 61, to: 160, step: 1 }];
    const started = await ok<SweepStarted>('sweep.start', { data: DATA, strategy: 'sma-cross', axes: big, metric: 'sharpe', options: OPTIONS, workers: 2 });
    expect(started.combos).toBe(5_900);
    // A second job while one runs is refused, naming the running one.
    const busy = await refused('sweep.start', { data: DATA, strategy: 'sma-cross', axes: AXES, metric: 'sharpe', options: OPTIONS });
    expect(busy).toMatchObject({ code: 'SWEEP_BUSY', field: 'jobId' });
    expect(busy.message).toContain(started.jobId);
    await expect.poll(() => eventsOf(started.jobId).some((e) => e.done > 0), { timeout: 20_000 }).toBe(true);
    const t0 = Date.now();
    expect(await ok('sweep.cancel', { jobId: started.jobId })).toEqual({ cancelled: true });
    const last = await engine.sweeps.wait(started.jobId);
    expect(last.state).toBe('cancelled');
    expect(last.done).toBeLessThan(last.total / 2);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(await refused('sweep.result', { jobId: started.jobId })).toMatchObject({ code: 'SWEEP_NO_RESULT', field: 'jobId' });
    expect(await ok('sweep.cancel', { jobId: started.jobId })).toEqual({ cancelled: false });

    const again = await ok<SweepStarted>('sweep.start', { data: DATA, strategy: 'sma-cross', axes: AXES, metric: 'sharpe', options: OPTIONS, workers: 2 });
    expect((await engine.sweeps.wait(again.jobId)).state).toBe('finished');
    const result = await ok<SweepJobResult>('sweep.result', { jobId: again.jobId });
    expect(result.kind === 'sweep' && result.rows.length).toBe(16);
  }, 60_000);

  it('refuses bad input by field before anything runs', async () => {
    const base = { data: DATA, strategy: 'sma-cross', axes: AXES, metric: 'sharpe', options: OPTIONS };
    const jobsBefore = new Set(progress.map((e) => e.jobId)).size;
    const huge = await refused('sweep.start', { ...base, axes: [{ key: 'fast', from: 1, to: 200, step: 1 }, { key: 'slow', from: 1, to: 100, step: 1 }] });
    expect(huge).toMatchObject({ code: 'INVALID_PAYLOAD', field: 'axes' });
    expect(huge.message).toMatch(/20000 combinations \(at most 10000\)/);
    expect(await refused('sweep.start', { ...base, axes: [{ key: 'fast', from: 20, to: 5, step: 5 }] })).toMatchObject({ field: 'axes.0.to' });
    expect(await refused('sweep.start', { ...base, axes: [{ key: 'fast', from: 5, to: 20, step: 0 }] })).toMatchObject({ field: 'axes.0.step' });
    expect(await refused('sweep.start', { ...base, axes: [AXES[0], AXES[0]] })).toMatchObject({ field: 'axes.1.key' });
    expect(await refused('sweep.start', { ...base, axes: [] })).toMatchObject({ field: 'axes' });
    expect(await refused('sweep.start', { ...base, metric: 'luck' })).toMatchObject({ field: 'metric' });
    // The contract offers exactly the engine's metric names.
    expect([...SWEEP_METRICS]).toEqual(METRIC_NAMES);
    expect(await refused('sweep.start', { ...base, workers: 0 })).toMatchObject({ field: 'workers' });
    expect(await refused('sweep.start', { ...base, data: 'binance:DOGE/USDT:1h' })).toMatchObject({ code: 'DATA_NOT_FOUND', field: 'data' });
    expect(await refused('sweep.start', { ...base, strategy: 'moon' })).toMatchObject({ field: 'strategy' });
    expect(await refused('sweep.start', { ...base, from: Date.UTC(2030, 0, 1) })).toMatchObject({ code: 'SWEEP_RANGE', field: 'from' });
    expect(await refused('walkforward.start', { ...base, train: '3y', test: '30d' })).toMatchObject({ field: 'train' });
    expect(await refused('walkforward.start', { ...base, train: '365d', test: '30d' })).toMatchObject({ code: 'WALK_NO_WINDOW', field: 'train' });
    expect(await refused('walkforward.start', { ...base, train: '100', test: '2' })).toMatchObject({ code: 'WALK_TOO_MANY', field: 'test' });
    expect(await refused('sweep.result', { jobId: 'sw-999' })).toMatchObject({ code: 'SWEEP_NO_RESULT', field: 'jobId' });
    // Nothing was started by any of them.
    expect(new Set(progress.map((e) => e.jobId)).size).toBe(jobsBefore);
  });
});
