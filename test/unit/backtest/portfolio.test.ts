// Bookkeeping from fills: average entry, partial closes with fee shares, reversals through zero.
import { describe, expect, it } from 'vitest';
import { Portfolio } from '../../../electron/engine/trading';
import type { Fill, Side } from '../../../electron/engine/model/order';

const fill = (side: Side, amount: number, price: number, fee = 0, time = 0): Fill => ({
  orderId: 'o',
  clientOrderId: 'c',
  symbol: 'X',
  side,
  time,
  price,
  amount,
  fee,
});

describe('Portfolio', () => {
  it('averages the entry price over adds', () => {
    const p = new Portfolio(10_000);
    p.applyFill(fill('buy', 1, 100));
    p.applyFill(fill('buy', 3, 120));
    expect(p.position('X')).toMatchObject({ size: 4, entryPrice: 115 });
  });

  it('a partial close is a trade of the closed part, charged its share of the entry fee', () => {
    const p = new Portfolio(10_000);
    p.applyFill(fill('buy', 4, 100, 4, 1));
    p.applyFill(fill('sell', 1, 110, 1, 2));
    expect(p.trades).toHaveLength(1);
    expect(p.trades[0]).toMatchObject({ entryTime: 1, exitTime: 2, entryPrice: 100, exitPrice: 110, size: 1, pnl: 8, fees: 2 });
    expect(p.trades[0].returnPct).toBeCloseTo(8, 12); // 10 % move − 2 / 100 of fees
    expect(p.position('X')?.size).toBe(3);
  });

  it('a fill through zero closes the old side and opens the other with the rest', () => {
    const p = new Portfolio(10_000);
    p.applyFill(fill('buy', 2, 100, 0, 1));
    p.applyFill(fill('sell', 5, 90, 5, 2));
    expect(p.trades).toHaveLength(1);
    expect(p.trades[0]).toMatchObject({ size: 2, pnl: -20 - 2, fees: 2 }); // 2/5 of the 5 fee
    expect(p.position('X')).toMatchObject({ size: -3, entryPrice: 90, openedAt: 2 });
    expect(p.cash).toBe(10_000 - 200 + 450 - 5);
    expect(p.feesPaid).toBe(5);
  });

  it('a short trade earns when the price falls', () => {
    const p = new Portfolio(1000);
    p.applyFill(fill('sell', 2, 100));
    p.applyFill(fill('buy', 2, 80));
    expect(p.trades[0]).toMatchObject({ size: -2, pnl: 40 });
    expect(p.trades[0].returnPct).toBeCloseTo(20, 12);
    expect(p.cash).toBe(1040);
    expect(p.position('X')).toBeUndefined();
  });

  it('float noise from step-rounded amounts does not leave a dust position', () => {
    const p = new Portfolio(1000);
    p.applyFill(fill('buy', 0.1, 10));
    p.applyFill(fill('buy', 0.2, 10));
    p.applyFill(fill('sell', 0.3, 10));
    expect(p.sizeOf('X')).toBe(0);
  });
});
