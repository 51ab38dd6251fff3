// The engine's sweep workers start and warm up in the background after start (EngineOptions.sweepWarmMs), so the
// trader's first sweep runs on threads that are already up: the sweep starts no thread, and each worker's warm-up has
// run the trading loop through thousands of orders on made-up candles before it said ready.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepStarted } from '../../../shared/sweep-contract';
import { runSweepJob } from '../../../electron/engine/backtest/sweep-job';
import { primeTradingLoop, warmUpTradingLoop, warmupSeries } from '../../../electron/engine/backtest/jit-warmup';
import { importCandleFile } from '../../../electron/engine/data/import-files';
import { Engine } from '../../../electron/engine/engine';
import { hasSharedData, SHARED_SKIP_REASON, sharedPath } from '../../shared-data';
import { eventually } from '../../support/alert-receivers';
import { captureLogger } from '../../support/engine';
import { tempDir } from '../../support/temp';

describe('sweep workers warm-up', () => {
  it('runs every warm-up job to statistics, through thousands of orders; and every job of the primer', async () => {
    expect(await warmUpTradingLoop()).toBe(18);
    expect(await primeTradingLoop()).toBe(12);
    const outcome = await runSweepJob(warmupSeries(), { symbol: 'WARM/USDT', strategy: 'sma-cross', commission: 0.001 }, { index: 0, params: { fast: 3, slow: 8 } });
    if (!('stats' in outcome)) throw new Error(`warm-up job failed: ${JSON.stringify(outcome)}`);
    expect(outcome.stats.trades).toBeGreaterThan(1_000);
    // The primer's candles cross too, so its 500 bars take the order path, not only the bar loop.
    const primer = await runSweepJob(warmupSeries(500), { symbol: 'WARM/USDT', strategy: 'sma-cross', commission: 0.001 }, { index: 0, params: { fast: 3, slow: 8 } });
    expect('stats' in primer && primer.stats.trades).toBeGreaterThan(10);
  });

  it('makes the same candles every time (no clock, no Math.random)', () => {
    const [a, b] = [warmupSeries(500), warmupSeries(500)];
    expect(Array.from(a.close)).toEqual(Array.from(b.close));
    expect(a.close.every((c, i) => c > 0 && a.low[i] <= Math.min(a.open[i], c) && a.high[i] >= Math.max(a.open[i], c))).toBe(true);
  });
});

describe.skipIf(!hasSharedData)(`the engine's warm sweep pool${hasSharedData ? '' : ` (${SHARED_SKIP_REASON})`}`, () => {
  const dir = tempDir('quorum-sweep-warm-');
  let engine: Engine;

  beforeAll(async () => {
    engine = Engine.start({ dbPath: `${dir}/warm.db`, host: 'test', logger: captureLogger().logger, deskPollMs: 0, killSwitchPollMs: 0, sweepWarmMs: 20 });
    await importCandleFile(engine.data.candles, sharedPath('data', 'Pr4v33n23-freqtrade', 'BTC_USDT-1h.json.gz'), { exchange: 'binance' });
  }, 60_000);
  afterAll(() => engine?.close());

  it('has its threads up before the first sweep, and the sweep starts none', async () => {
    const pool = engine.pool();
    await eventually(() => pool.started === pool.size, 10_000, 'the warm-up timer to start the pool');
    await pool.warm();
    expect(pool.threads).toBe(pool.size);
    const started = await engine.dispatcher.dispatch('sweep.start', {
      data: 'binance:BTC/USDT:1h', strategy: 'sma-cross', metric: 'return', options: { commission: 0.001, risk: false },
      axes: [{ key: 'fast', from: 5, to: 20, step: 5 }, { key: 'slow', from: 30, to: 60, step: 10 }],
    });
    if (!started.ok) throw new Error(started.error.message);
    const last = await engine.sweeps.wait((started.value as SweepStarted).jobId);
    expect(last).toMatchObject({ state: 'finished', done: 16 });
    expect(pool.started).toBe(pool.size);
    expect(pool.threads).toBe(pool.size);
  }, 60_000);

  it('warms by default on the headless host (the desktop one takes the same branch), not for the CLI', async () => {
    const quiet = { healthCheckMs: 0, deskPollMs: 0, killSwitchPollMs: 0 };
    const headless = Engine.start({ dbPath: `${dir}/headless.db`, host: 'headless', logger: captureLogger().logger, ...quiet });
    const cli = Engine.start({ dbPath: `${dir}/cli.db`, host: 'cli', logger: captureLogger().logger, ...quiet });
    try {
      const pool = headless.pool();
      await eventually(() => pool.started === pool.size, 25_000, 'the default warm-up (10 s after start) on the headless host');
      expect(cli.pool().started).toBe(0);
    } finally {
      headless.close();
      cli.close();
    }
  }, 40_000);
});
