// Entry sizes: whole units with all cash (backtesting.py's default), fractional all-in, fixed, share of equity.
import { describe, expect, it } from 'vitest';
import { parseSizing, type SizingContext } from '../../../electron/engine/trading';
import { unrestrictedMarket } from '../../../electron/engine/model/market';

const ctx = (o: Partial<SizingContext> = {}): SizingContext => ({
  side: 'buy',
  price: 100,
  cash: 10_000,
  equity: 10_000,
  feeRate: 0,
  rules: { ...unrestrictedMarket('X'), amountStep: 0.001 },
  ...o,
});

describe('sizing', () => {
  it("'all-in-units' buys whole units with all cash, commission included", () => {
    expect(parseSizing('all-in-units').size(ctx({ feeRate: 0.002 }))).toBe(99); // 10000 / 100.2 = 99.8
  });

  it("'all-in-units' leaves the last unit when cash fits exactly (backtesting.py's 1 − ε)", () => {
    expect(parseSizing('all-in-units').size(ctx())).toBe(99);
  });

  it("'all-in' uses fractional units down to the amount step", () => {
    expect(parseSizing('all-in').size(ctx({ price: 300, feeRate: 0.001 }))).toBe(33.3); // 33.3000…
  });

  it("'fixed:<qty>' always asks for the same quantity", () => {
    expect(parseSizing('fixed:0.25').size(ctx({ cash: 1 }))).toBe(0.25);
  });

  it("'fraction:<f>' spends that share of equity", () => {
    expect(parseSizing('fraction:0.25').size(ctx({ price: 30 }))).toBe(83.333); // 2500 / 30 = 83.33…
  });

  it('shorts are sized from equity', () => {
    expect(parseSizing('all-in-units').size(ctx({ side: 'sell', cash: 30_000, equity: 10_000, price: 101 }))).toBe(99);
  });

  it.each(['all', 'fixed:', 'fixed:-1', 'fraction:1.5', 'fraction:0', 'fixed:1:2'])('rejects %s', (spec) => {
    expect(() => parseSizing(spec)).toThrow(/sizing must be/);
  });
});
