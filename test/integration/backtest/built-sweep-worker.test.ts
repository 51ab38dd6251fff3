// The sweep worker as the packaged app ships it (out/main/sweep-worker.js, built by `npm test` before the suites): it
// starts, runs a sweep and gives what the in-process runner gives; and the main bundle carries zod inside rather than
// loading it from node_modules in every thread (see inlined-packages.ts).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { INLINED_PACKAGES } from '../../../electron/engine/backtest/inlined-packages';
import { parseMetric } from '../../../electron/engine/backtest/metric';
import { expandGrid, parseParamAxis } from '../../../electron/engine/backtest/param-grid';
import { runSweep } from '../../../electron/engine/backtest/sweep';
import { SweepPool } from '../../../electron/engine/backtest/sweep-pool';
import { wave } from '../../support/wave';

const outMain = resolve(import.meta.dirname, '..', '..', '..', 'out', 'main');
const builtWorker = join(outMain, 'sweep-worker.js');
const built = existsSync(builtWorker);

const series = wave(20_000);
const grid = expandGrid([parseParamAxis('fast=5..15:5'), parseParamAxis('slow=30,60')]);
const base = { symbol: 'WAVE', timeframe: '1m', strategy: 'sma-cross', commission: 0.001, risk: false as const };

function bundleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? bundleFiles(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []));
}

describe.skipIf(!built)('the built sweep worker (npm test builds it first)', () => {
  it('runs a sweep on a pool of built workers with the outcomes of the in-process runner', async () => {
    const pool = new SweepPool(2, async (warmUp) => new Worker(pathToFileURL(builtWorker), { workerData: { warmUp } }));
    try {
      const metric = parseMetric('sharpe');
      const inBuilt = await runSweep({ series, base, grid, metric, workers: 2, pool });
      const inProcess = await runSweep({ series, base, grid, metric, workers: 0 });
      expect(pool.started).toBe(2);
      expect(inBuilt.ranked.length).toBe(grid.length);
      expect(inBuilt).toEqual(inProcess);
    } finally {
      await pool.close();
    }
  });

  it('imports no inlined package from node_modules, in the main bundle or its chunks', () => {
    const files = bundleFiles(outMain);
    expect(files).toContain(builtWorker);
    for (const pkg of INLINED_PACKAGES) {
      const external = new RegExp(`(from|import|require)\\s*\\(?\\s*["']${pkg}(/[^"']*)?["']`);
      expect(files.filter((f) => external.test(readFileSync(f, 'utf8'))), pkg).toEqual([]);
    }
  });
});
