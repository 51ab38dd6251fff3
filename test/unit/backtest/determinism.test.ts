// Same inputs, same run: stats, trades, equity and every recorded row are identical; plus bookkeeping invariants.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../emulator/candles';
import fc from 'fast-check';
import { runBacktest, type BacktestOptions } from '../../../electron/engine/backtest';
import type { MemoryRecorder } from '../../../electron/engine/trading';
import { seriesOf } from './helpers';

/** mulberry32 random walk with wicks, so a fixed seed gives the same bars every time. */
function walk(n: number, seed: number) {
  const rand = mulberry32(seed);
  let price = 100;
  const rows: [number, number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    const open = price;
    price *= 1 + (rand() - 0.5) * 0.04;
    const high = Math.max(open, price) * (1 + rand() * 0.01);
    const low = Math.min(open, price) * (1 - rand() * 0.01);
    rows.push([open, high, low, price]);
  }
  return seriesOf(rows);
}

const options = (seed: number): BacktestOptions => ({
  series: walk(2000, seed),
  symbol: 'X',
  strategy: 'sma-cross',
  params: { fast: 5, slow: 20 },
  cash: 10_000,
  commission: 0.001,
  slippage: 'range:0.05',
  sizing: 'all-in',
  allowShort: true,
});

describe('determinism', () => {
  it('the same backtest run twice gives identical stats, trades, equity, orders and fills', async () => {
    const a = await runBacktest(options(7));
    const b = await runBacktest(options(7));
    expect(a.trades.length).toBeGreaterThan(20);
    expect(b.stats).toEqual(a.stats);
    expect(b.trades).toEqual(a.trades);
    expect(Array.from(b.equity)).toEqual(Array.from(a.equity));
    const ra = a.recorder as MemoryRecorder;
    const rb = b.recorder as MemoryRecorder;
    expect([...rb.orders.values()]).toEqual([...ra.orders.values()]);
    expect(rb.fills).toEqual(ra.fills);
    expect(rb.decisions).toEqual(ra.decisions);
  });
});

describe('bookkeeping invariants', () => {
  it('with finalize, the trades\' net PnL adds up to the change in equity, and fees to feesPaid', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom('sma-cross', 'ema-cross', 'rsi-revert', 'price-sma-cross'),
        fc.constantFrom('next-open', 'close') as fc.Arbitrary<'next-open' | 'close'>,
        fc.boolean(),
        async (seed, strategy, fill, allowShort) => {
          const r = await runBacktest({
            ...options(seed),
            series: walk(400, seed),
            strategy,
            params: strategy === 'rsi-revert' ? { period: 5, low: 40, high: 60 } : {},
            fill,
            allowShort,
            finalize: true,
          });
          const pnl = r.trades.reduce((s, t) => s + t.pnl, 0);
          const fees = r.trades.reduce((s, t) => s + t.fees, 0);
          expect(r.finalPosition).toBe(0);
          expect(pnl).toBeCloseTo(r.stats.finalEquity - 10_000, 6);
          expect(fees).toBeCloseTo(r.stats.feesPaid, 6);
          expect(r.finalCash).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 60 },
    );
  });
});
