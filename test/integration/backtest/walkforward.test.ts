// Walk-forward on real 1m data: test windows never overlap, each follows its train window, OOS is reported apart from IS.
import { describe, expect, it } from 'vitest';
import { loadBacktestData } from '../../../electron/engine/backtest/load-data';
import { parseMetric } from '../../../electron/engine/backtest/metric';
import { expandGrid, parseParamAxis } from '../../../electron/engine/backtest/param-grid';
import { runBacktest } from '../../../electron/engine/backtest/run-backtest';
import { runWalkForward } from '../../../electron/engine/backtest/walk-forward';
import { hasSharedData, sharedPath } from '../../shared-data';
import { quorum } from '../../support/cli';

const FIL = sharedPath('data', 'isda-binance-1m', 'FILUSDT-1m-2023-08.csv');
const DAY = 86_400_000;

describe.skipIf(!hasSharedData)('walk-forward', () => {
  it('tiles test windows after their train windows and keeps IS and OOS apart', async () => {
    const data = await loadBacktestData(FIL, () => { throw new Error('unused'); });
    const base = { symbol: data.symbol, strategy: 'sma-cross', commission: 0.001 };
    const grid = expandGrid([parseParamAxis('fast=5,10'), parseParamAxis('slow=20,40')]);
    const report = await runWalkForward({
      series: data.series, base, grid, metric: parseMetric('return'), workers: 2,
      train: { ms: 7 * DAY }, test: { ms: 3 * DAY }, anchored: false,
    });
    // Aug 2023 has 31 days: 7 train + 8 complete 3-day tests (the 24th..31st tail is 1 day short of a 9th).
    expect(report.windows).toHaveLength(8);
    report.windows.forEach((w, i) => {
      expect(w.train.to).toBeLessThan(w.test.from);
      expect(w.test.from - w.train.to).toBe(60_000);
      expect(w.train.to - w.train.from).toBe(7 * DAY - 60_000);
      if (i > 0) expect(w.test.from).toBe(report.windows[i - 1].test.to + 60_000);
      expect(w.best).toBeDefined();
    });
    // The OOS figure of a window is exactly the winner's run on that test range, nothing from its train range.
    const w = report.windows[2];
    const direct = await runBacktest({ ...base, series: data.series, params: w.best, from: w.test.from, to: w.test.to });
    expect(w.outOfSample).toEqual(direct.stats);
    const oos = report.windows.map((x) => x.outOfSample!.returnPct);
    const stitched = (oos.reduce((a, r) => a * (1 + r / 100), 1) - 1) * 100;
    expect(report.outOfSample.compoundedReturnPct).toBeCloseTo(stitched, 9);
    expect(report.outOfSample.meanMetric).toBeCloseTo(oos.reduce((a, b) => a + b, 0) / oos.length, 9);
    expect(report.inSample.meanMetric).toBeCloseTo(report.windows.reduce((a, x) => a + x.inSample!.returnPct, 0) / 8, 9);
    expect(Number.isNaN(report.inSample.compoundedReturnPct)).toBe(true);
  });

  it('runs from the CLI, anchored, printing IS and OOS summaries separately', async () => {
    const r = await quorum('walkforward', '--data', FIL, '--strategy', 'sma-cross', '--param', 'fast=5,10', '--param', 'slow=20', '--train', '10d', '--test', '7d', '--anchored', '--metric', 'sharpe', '--workers', '1');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/In-sample \(train windows/);
    expect(r.out).toMatch(/Out-of-sample \(test windows only/);
    expect(r.out).toMatch(/stitched return/);
    expect(r.out.indexOf('In-sample')).toBeLessThan(r.out.indexOf('Out-of-sample'));
    const json = JSON.parse((await quorum('walkforward', '--data', FIL, '--strategy', 'sma-cross', '--param', 'fast=5,10', '--param', 'slow=20', '--train', '10d', '--test', '7d', '--anchored', '--workers', '1', '--json')).out);
    expect(json.windows).toHaveLength(3);
    expect(json.windows.every((w: { train: { from: number } }) => w.train.from === Date.UTC(2023, 7, 1))).toBe(true);
    expect(Object.keys(json)).toEqual(['metric', 'anchored', 'windows', 'inSample', 'outOfSample']);
  });
});
