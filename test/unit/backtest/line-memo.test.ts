// LineMemo: a sweep's indicator lines computed once per series and period, reused by every job, within a byte budget;
// a sweep's results are the same with it as without.
import { describe, expect, it } from 'vitest';
import { expandGrid, parseParamAxis } from '../../../electron/engine/backtest/param-grid';
import { runSweepJob } from '../../../electron/engine/backtest/sweep-job';
import { LineMemo } from '../../../electron/engine/indicators/line-memo';
import { wave } from '../../support/wave';

describe('LineMemo', () => {
  it('computes a line once per key and series, keeps the most recently used within its budget', () => {
    const memo = new LineMemo(3 * 8 * 100);
    const a = new Float64Array(100);
    let computed = 0;
    const make = () => (computed++, new Float64Array(100));
    const first = memo.line(a, 'SMA(5)', make);
    expect(memo.line(a, 'SMA(5)', make)).toBe(first);
    memo.line(a, 'SMA(10)', make);
    memo.line(a, 'SMA(20)', make);
    memo.line(a, 'SMA(5)', make); // used again: now the newest
    memo.line(a, 'SMA(30)', make); // over budget: SMA(10), the least recently used, leaves
    expect([computed, memo.size]).toEqual([4, 3]);
    memo.line(a, 'SMA(5)', make);
    memo.line(a, 'SMA(10)', make);
    expect(computed).toBe(5);
    // Another series: nothing computed on the first one is served.
    const b = new Float64Array(100);
    expect(memo.line(b, 'SMA(5)', make)).not.toBe(first);
    expect([computed, memo.size]).toEqual([6, 1]);
  });

  it('a line bigger than the budget is still returned (and kept alone until the next)', () => {
    const memo = new LineMemo(10);
    const a = new Float64Array(8);
    const line = memo.line(a, 'RSI(14)', () => new Float64Array(8));
    expect(line.length).toBe(8);
    expect(memo.size).toBe(1);
  });

  it.each(['sma-cross', 'ema-cross', 'price-sma-cross', 'rsi-revert'])('%s: every job of a sweep gives the same outcome with shared lines as without', async (strategy) => {
    const series = wave(6_000);
    const base = { symbol: 'WAVE', strategy, commission: 0.001 };
    const grid = strategy === 'price-sma-cross' ? expandGrid([parseParamAxis('period=5..30:5')])
      : strategy === 'rsi-revert' ? expandGrid([parseParamAxis('period=5..15:5'), parseParamAxis('low=20,30')])
        : expandGrid([parseParamAxis('fast=5..15:5'), parseParamAxis('slow=20,40')]);
    const memo = new LineMemo();
    for (const [index, params] of grid.entries()) {
      const shared = await runSweepJob(series, base, { index, params }, memo);
      const own = await runSweepJob(series, base, { index, params });
      expect(shared).toEqual(own);
      expect('stats' in own && own.stats.trades).toBeGreaterThan(0);
    }
    expect(memo.size).toBeGreaterThan(1);
  });
});
