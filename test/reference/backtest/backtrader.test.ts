// backtrader's test_strategy_unoptimized on its own 2006 daily data: close crossing SMA(15), 1 unit, fills at the next open.
import { describe, expect, it } from 'vitest';
import { runBacktest, type BacktestResult } from '../../../electron/engine/backtest';
import type { MemoryRecorder } from '../../../electron/engine/trading';
import { readDailyCsv } from './daily-csv';
import { hasSharedData, SHARED_SKIP_REASON, sharedPath } from '../../shared-data';

const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe.skipIf(!hasSharedData)(`backtrader test_strategy_unoptimized${hasSharedData ? '' : ` (${SHARED_SKIP_REASON})`}`, () => {
  let result: BacktestResult;
  const fillPrices = (side: 'buy' | 'sell') =>
    (result.recorder as MemoryRecorder).fills.filter((f) => f.side === side).map((f) => f.price);

  it('runs price-sma-cross(15) with 1 unit, 10,000 cash, no commission, fills at the next open', async () => {
    result = await runBacktest({
      series: readDailyCsv(sharedPath('data', 'backtrader', '2006-day-001.txt')),
      symbol: 'BT-2006',
      strategy: 'price-sma-cross',
      params: { period: 15 },
      cash: 10_000,
      commission: 0,
      sizing: 'fixed:1',
      fill: 'next-open',
    });
    expect(result.equity.length).toBe(255);
  });

  it('ends with value 10,284.10 and cash 6,164.16 (the open position is marked at the last close, not closed)', () => {
    expect(rel(result.stats.finalEquity, 10_284.1)).toBeLessThan(1e-6);
    expect(rel(result.finalCash, 6_164.16)).toBeLessThan(1e-6);
    expect(result.finalPosition).toBe(1);
  });

  it('executes 12 buys and 11 sells, the first at 3643.35 and 3763.95', () => {
    const buys = fillPrices('buy');
    const sells = fillPrices('sell');
    expect(buys.length).toBe(12);
    expect(sells.length).toBe(11);
    expect(buys[0]).toBeCloseTo(3643.35, 8);
    expect(sells[0]).toBeCloseTo(3763.95, 8);
  });

  it('counts 11 closed trades in the statistics', () => {
    expect(result.stats.trades).toBe(11);
    expect(result.trades.every((t) => t.size === 1)).toBe(true);
  });
});
