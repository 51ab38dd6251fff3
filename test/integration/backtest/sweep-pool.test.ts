// The sweep pool: warm threads reused across sweeps and walk-forward give exactly what fresh workers give, the engine
// closes its pool with it (no thread left running), and a crashing worker fails its sweep clearly and is replaced.
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../../electron/engine/engine';
import { parseMetric } from '../../../electron/engine/backtest/metric';
import { expandGrid, parseParamAxis } from '../../../electron/engine/backtest/param-grid';
import { runSweep } from '../../../electron/engine/backtest/sweep';
import { SweepPool } from '../../../electron/engine/backtest/sweep-pool';
import { startWorker } from '../../../electron/engine/backtest/ts-worker';
import { workerUrl } from '../../../electron/engine/backtest/pool-worker-url';
import { runWalkForward } from '../../../electron/engine/backtest/walk-forward';
import { captureLogger } from '../../support/engine';
import { wave } from '../../support/wave';

const series = wave(30_000);
const grid = expandGrid([parseParamAxis('fast=5..20:5'), parseParamAxis('slow=10,30,60')]);
const base = { symbol: 'WAVE', timeframe: '1m', strategy: 'sma-cross', commission: 0.001, risk: false as const };
const windows = { train: { bars: 8_000 }, test: { bars: 4_000 }, anchored: false };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('sweep pool', () => {
  it('reused warm across two sweeps and a walk-forward, gives the results of fresh workers; Engine.close ends its threads', async () => {
    const fresh = {
      byReturn: await runSweep({ series, base, grid, metric: parseMetric('return'), workers: 2 }),
      bySharpe: await runSweep({ series, base, grid, metric: parseMetric('sharpe'), workers: 2, from: series.time[5_000] }),
      walk: await runWalkForward({ series, base, grid, metric: parseMetric('return'), workers: 2, ...windows }),
    };
    const warm = vi.spyOn(SweepPool.prototype, 'warm');
    const engine = Engine.start({ dbPath: ':memory:', host: 'test', logger: captureLogger().logger, deskPollMs: 0, killSwitchPollMs: 0 });
    const req = { data: { series, symbol: 'WAVE', timeframe: '1m' }, strategy: 'sma-cross', grid, options: { commission: 0.001, risk: false }, workers: 2 };
    const byReturn = await engine.backtests.sweep({ ...req, metric: parseMetric('return') });
    const pool = warm.mock.contexts[0] as SweepPool;
    expect(pool.threads).toBe(pool.size);
    const bySharpe = await engine.backtests.sweep({ ...req, metric: parseMetric('sharpe'), from: series.time[5_000] });
    const walk = await engine.backtests.walkForward({ ...req, metric: parseMetric('return'), ...windows });
    expect({ byReturn, bySharpe, walk }).toEqual(fresh);
    expect(byReturn.ranked.length).toBeGreaterThan(0);
    // One pool for all three: every later sweep found it warm (same instance, nothing restarted).
    expect(new Set(warm.mock.contexts).size).toBe(1);
    const close = vi.spyOn(SweepPool.prototype, 'close');
    engine.close();
    expect(close).toHaveBeenCalledTimes(1);
    await close.mock.results[0].value;
    expect(pool.threads).toBe(0);
  });

  it('fails a sweep whose worker crashes with a clear error, replaces the worker, and the next sweep runs', async () => {
    let started = 0;
    // The first thread dies on its first batch; later ones are real sweep workers.
    const crashing = `const { parentPort } = require('node:worker_threads');
      parentPort.on('message', (m) => { if (m.type === 'batch') throw new Error('boom'); });
      parentPort.postMessage({ type: 'ready' });`;
    const pool = new SweepPool(2, () => (++started === 1 ? Promise.resolve(new Worker(crashing, { eval: true })) : startWorker(workerUrl())));
    try {
      const metric = parseMetric('return');
      await expect(runSweep({ series, base, grid, metric, workers: 2, pool })).rejects.toThrow(/Sweep stopped: sweep worker 1 crashed: boom; a new worker takes its place/);
      await vi.waitFor(() => expect(pool.threads).toBe(2));
      expect(started).toBe(3);
      const again = await runSweep({ series, base, grid, metric, workers: 2, pool });
      expect(again).toEqual(await runSweep({ series, base, grid, metric, workers: 0 }));
    } finally {
      await pool.close();
    }
    expect(pool.threads).toBe(0);
  });

  it('warms threads up only when started ahead of need: threads started for waiting jobs get only the primer', async () => {
    const asked: boolean[] = [];
    const start = (warmUp: boolean) => (asked.push(warmUp), startWorker(workerUrl(), { workerData: { warmUp } }));
    const metric = parseMetric('return');
    for (const ahead of [false, true]) {
      const pool = new SweepPool(1, start);
      try {
        if (ahead) await pool.warm();
        // Not warmed ahead: the sweep starts the thread itself, with the primer only.
        const result = await runSweep({ series, base, grid, metric, workers: 1, pool });
        expect(result).toEqual(await runSweep({ series, base, grid, metric, workers: 0 }));
      } finally {
        await pool.close();
      }
    }
    expect(asked).toEqual([false, true]);
  });
});
