// Sweeps over worker threads: results equal single runs, rankings do not depend on the worker count, invalid combos skipped.
import { describe, expect, it } from 'vitest';
import { loadBacktestData } from '../../../electron/engine/backtest/load-data';
import { parseMetric } from '../../../electron/engine/backtest/metric';
import { expandGrid, parseParamAxis } from '../../../electron/engine/backtest/param-grid';
import { runBacktest } from '../../../electron/engine/backtest/run-backtest';
import { runSweep } from '../../../electron/engine/backtest/sweep';
import { hasSharedData, sharedPath } from '../../shared-data';
import { quorum } from '../../support/cli';

const FIL = sharedPath('data', 'isda-binance-1m', 'FILUSDT-1m-2023-08.csv');
const noDb = () => {
  throw new Error('no database needed for a file');
};

describe.skipIf(!hasSharedData)('parameter sweep', async () => {
  const data = hasSharedData ? await loadBacktestData(FIL, noDb) : undefined;
  const base = { symbol: 'FIL/USDT', strategy: 'sma-cross', commission: 0.001, allowShort: true };
  const grid = expandGrid([parseParamAxis('fast=5..20:5'), parseParamAxis('slow=10,20,40')]);
  const metric = parseMetric('return');

  it('gives identical rankings with 1 and 2 workers, and skips invalid combinations', async () => {
    const series = data!.series;
    const one = await runSweep({ series, base, grid, metric, workers: 1 });
    const two = await runSweep({ series, base, grid, metric, workers: 2 });
    expect(two).toEqual(one);
    expect(one.combos).toBe(12);
    // fast ≥ slow: (10,10), (15,10), (20,10), (20,20)
    expect(one.skipped.map((s) => s.params)).toEqual([{ fast: 10, slow: 10 }, { fast: 15, slow: 10 }, { fast: 20, slow: 10 }, { fast: 20, slow: 20 }]);
    expect(one.skipped[0].reason).toMatch(/fast must be less than slow/);
    expect(one.ranked).toHaveLength(8);
    expect(one.errors).toEqual([]);
    const returns = one.ranked.map((r) => r.stats.returnPct);
    expect(returns).toEqual([...returns].sort((a, b) => b - a));
  });

  it('reports the same stats as a direct runBacktest of the same params', async () => {
    const series = data!.series;
    const report = await runSweep({ series, base, grid, metric, workers: 2 });
    for (const pick of [report.ranked[0], report.ranked[report.ranked.length - 1]]) {
      const direct = await runBacktest({ ...base, series, params: pick.params });
      expect(pick.stats).toEqual(direct.stats);
    }
  });

  it('runs from the CLI with a ranked table and JSON', async () => {
    const args = ['sweep', '--data', FIL, '--strategy', 'sma-cross', '--param', 'fast=5,10', '--param', 'slow=10,30', '--metric', 'sharpe', '--workers', '2'];
    const text = await quorum(...args, '--top', '2');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/Ranked by sharpe .* 3 of 4 combinations ran, top 2 shown/);
    expect(text.out).toMatch(/Skipped 1 invalid combinations, e\.g\. fast=10 slow=10/);
    expect(text.err).toMatch(/sweep \[#+\] 4\/4 \(100%\)/);
    const json = JSON.parse((await quorum(...args, '--json')).out);
    expect(json.ranked.map((r: { rank: number }) => r.rank)).toEqual([1, 2, 3]);
    expect(json.skipped).toHaveLength(1);
    expect((await quorum('sweep', '--data', FIL, '--strategy', 'sma-cross', '--param', 'fast=5', '--workers', '-1')).code).toBe(2);
  });
});
