// Grid specs (values, ranges, lists), metric ranking order and the progress bar's two modes.
import { describe, expect, it } from 'vitest';
import { byScore, parseMetric } from '../../../../electron/engine/backtest/metric';
import type { BacktestStats } from '../../../../electron/engine/backtest/metrics/types';
import { expandGrid, parseFixedParams, parseParamAxis } from '../../../../electron/engine/backtest/param-grid';
import { createProgress } from '../../../../electron/engine/cli/commands/sweep-progress';
import { ConfigError } from '../../../../electron/engine/errors';

describe('param grid', () => {
  it('parses ranges (inclusive, with step), lists and single values', () => {
    expect(parseParamAxis('fast=5..30:5').values).toEqual([5, 10, 15, 20, 25, 30]);
    expect(parseParamAxis('x=0.1..0.3:0.1').values).toEqual([0.1, 0.2, 0.3]);
    expect(parseParamAxis('slow=1..3').values).toEqual([1, 2, 3]);
    expect(parseParamAxis('mode=a,b,7').values).toEqual(['a', 'b', 7]);
    expect(parseFixedParams(['fast=10', 'short=true'])).toEqual({ fast: 10, short: true });
  });

  it('rejects malformed specs with a ConfigError naming them', () => {
    for (const bad of ['fast', '=3', 'fast=', 'fast=5..1', 'fast=1..5:0', 'fast=1..x']) expect(() => parseParamAxis(bad)).toThrow(ConfigError);
    expect(() => parseFixedParams(['fast=1,2'])).toThrow(/one value per param/);
    expect(() => expandGrid([parseParamAxis('a=1'), parseParamAxis('a=2')])).toThrow(/twice/);
  });

  it('expands the cartesian product with the last axis varying fastest', () => {
    const grid = expandGrid([parseParamAxis('fast=1,2'), parseParamAxis('slow=3..5')]);
    expect(grid).toEqual([
      { fast: 1, slow: 3 }, { fast: 1, slow: 4 }, { fast: 1, slow: 5 },
      { fast: 2, slow: 3 }, { fast: 2, slow: 4 }, { fast: 2, slow: 5 },
    ]);
  });
});

describe('ranking', () => {
  const s = (sharpe: number, maxDrawdownPct = 0) => ({ sharpe, maxDrawdownPct }) as BacktestStats;

  it('puts the best first, NaN last, and breaks ties by grid index', () => {
    const rows = [s(1), s(Number.NaN), s(3), s(1), s(Infinity)].map((stats, index) => ({ stats, index }));
    expect(rows.sort(byScore(parseMetric('sharpe'))).map((r) => r.index)).toEqual([4, 2, 0, 3, 1]);
  });

  it('ranks drawdown lower-is-better and rejects unknown metrics', () => {
    const rows = [s(0, 30), s(0, 10), s(0, 20)].map((stats, index) => ({ stats, index }));
    expect(rows.sort(byScore(parseMetric('max-drawdown'))).map((r) => r.index)).toEqual([1, 2, 0]);
    expect(parseMetric('returnPct').field).toBe('returnPct');
    expect(() => parseMetric('luck')).toThrow(ConfigError);
  });
});

describe('progress bar', () => {
  it('redraws in place on a terminal', () => {
    let written = '';
    const p = createProgress('sweep', 4, () => {}, { isTTY: true, write: (t) => (written += t) });
    [1, 2, 3, 4].forEach((d) => p.update(d));
    p.end();
    expect(written.split('\r')).toHaveLength(5);
    expect(written).toContain('[##############################] 4/4 (100%)');
    expect(written.endsWith('\n')).toBe(true);
  });

  it('prints at most one line per 10 % elsewhere', () => {
    const lines: string[] = [];
    const p = createProgress('sweep', 100, (l) => lines.push(l), { isTTY: false, write: () => {} });
    for (let d = 1; d <= 100; d++) p.update(d);
    expect(lines.length).toBe(11);
    expect(lines.every((l) => !l.includes('\r'))).toBe(true);
  });
});
