// The sweep grid as the contract, the form and the heatmap see it: axis lengths and values (no float drift), the
// combination bound refused by field, and the heatmap's cells (best over other axes, oriented colour scale).
import { describe, expect, it } from 'vitest';
import { axisLength, axisValues, gridSize, SweepStartSchema, type SweepResult } from '../../../shared/sweep-contract';
import { heatmapCells } from '../../../renderer/src/pages/sweep/heatmap-cells';
import { expandGrid, parseParamAxis } from '../../../electron/engine/backtest/param-grid';

const start = { data: 'binance:BTC/USDT:1h', strategy: 'sma-cross', metric: 'sharpe', options: {} };

describe('sweep grid', () => {
  it('expands ranges as the CLI does (fast=5..20:5, 0.1 steps without drift)', () => {
    expect(axisValues({ key: 'fast', from: 5, to: 20, step: 5 })).toEqual(parseParamAxis('fast=5..20:5').values);
    expect(axisValues({ key: 'x', from: 0.1, to: 0.5, step: 0.1 })).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(axisLength({ key: 'x', from: 3, to: 1, step: 1 })).toBeNaN();
    const axes = [{ key: 'fast', from: 5, to: 20, step: 5 }, { key: 'slow', values: [30, 40, 50] }];
    expect(gridSize(axes)).toBe(expandGrid(axes.map((a) => ({ key: a.key, values: axisValues(a) }))).length);
  });

  it('refuses a grid over 10,000 combinations and a reversed range, naming the field', () => {
    const big = SweepStartSchema.safeParse({ ...start, axes: [{ key: 'a', from: 1, to: 101, step: 1 }, { key: 'b', from: 1, to: 100, step: 1 }] });
    expect(big.success).toBe(false);
    expect(big.error?.issues[0]).toMatchObject({ path: ['axes'], message: 'the grid has 10100 combinations (at most 10000)' });
    const reversed = SweepStartSchema.safeParse({ ...start, axes: [{ key: 'a', from: 9, to: 1, step: 1 }] });
    expect(reversed.error?.issues[0].path).toEqual(['axes', 0, 'to']);
    expect(SweepStartSchema.safeParse({ ...start, axes: [{ key: 'a', from: 1, to: 100, step: 1 }, { key: 'b', from: 1, to: 100, step: 1 }] }).success).toBe(true);
  });

  it('fills heatmap cells with the best row per pair, leaves skipped pairs blank, and orients lower-is-better metrics', () => {
    const row = (fast: number, slow: number, score: number, rank: number) => ({
      rank, index: rank, params: { fast, slow, k: rank }, score, returnPct: score, sharpe: null, maxDrawdownPct: null, trades: 1, winRatePct: null, profitFactor: null, finalEquity: null,
    });
    const result: SweepResult = {
      kind: 'sweep', metric: { name: 'max-drawdown', field: 'maxDrawdownPct', direction: -1 }, combos: 8, skipped: 1, errors: [],
      axes: [{ key: 'fast', values: [5, 10] }, { key: 'slow', values: [30, 40] }, { key: 'k', from: 1, to: 2, step: 1 }],
      // Ranked best (lowest drawdown) first; (10, 40) has no row: skipped.
      rows: [row(5, 30, 2, 1), row(10, 30, 5, 2), row(5, 30, 7, 3), row(5, 40, 9, 4)],
    };
    const { xs, ys, cells, lo, hi } = heatmapCells(result, 'fast', 'slow');
    expect([xs, ys]).toEqual([[5, 10], [30, 40]]);
    expect(cells.map((c) => c.row?.score)).toEqual([2, 5, 9, undefined]);
    expect(cells.map((c) => c.t)).toEqual([1, 4 / 7, 0, undefined]);
    expect([lo, hi]).toEqual([9, 2]);
  });
});
