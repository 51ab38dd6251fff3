// Why an entry got no size: explainZeroSize's wording and numbers, the session's skipped-entry tally, the crypto default.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../electron/engine/backtest';
import { defaultSizing } from '../../../electron/engine/backtest/options';
import { runNotes } from '../../../electron/engine/backtest/run-notes';
import { unrestrictedMarket, type MarketRules } from '../../../electron/engine/model/market';
import { ReasonTally } from '../../../electron/engine/trading/reason-tally';
import { entrySkipReason, explainZeroSize, parseSizing, type Sizer, type SizingContext } from '../../../electron/engine/trading/sizer';
import { flatBars } from './helpers';

const market = (rules: Partial<MarketRules> = {}): MarketRules => ({ ...unrestrictedMarket('BTC/USDT'), ...rules });
const ctx = (o: Partial<SizingContext> = {}): SizingContext => ({ side: 'buy', price: 46_000, cash: 10_000, equity: 10_000, feeRate: 0, rules: market(), ...o });
const why = (spec: string, o: Partial<SizingContext> = {}) => explainZeroSize(parseSizing(spec), ctx(o));

describe('explainZeroSize', () => {
  it('names the sizer, the price and the money it had', () => {
    expect(why('all-in-units')).toBe('sizing all-in-units gives 0 units: price 46,000 > cash 10,000');
    expect(why('all-in-units', { feeRate: 0.001 })).toBe('sizing all-in-units gives 0 units: price 46,000 (46,046 with the 0.1% fee) > cash 10,000');
    expect(why('all-in-units', { side: 'sell' })).toBe('sizing all-in-units gives 0 units: price 46,000 > equity 10,000');
    expect(why('all-in-units', { cash: 12_000, equity: 9_000 })).toBe('sizing all-in-units gives 0 units: price 46,000 > equity 9,000');
    expect(why('all-in-units', { price: 10_000 })).toBe('sizing all-in-units gives 0 units: price 10,000 ≥ cash 10,000');
  });

  it('names the market step a fractional size fell under', () => {
    expect(why('all-in', { rules: market({ amountStep: 1 }) })).toBe("sizing all-in gives 0 units: cash 10,000 buys 0.217391 at price 46,000 < the market's amount step 1");
    expect(why('fraction:0.01', { rules: market({ amountStep: 0.01 }) }))
      .toBe("sizing fraction:0.01 gives 0 units: 0.01 × equity 10,000 = 100 buys 0.00217391 at price 46,000 < the market's amount step 0.01");
    expect(why('fixed:0.0001', { rules: market({ amountStep: 0.001 }) })).toBe("sizing fixed:0.0001 gives 0 units: 0.0001 rounds to 0 at the market's amount step 0.001");
  });

  it('names the market minimum a positive size fell under', () => {
    expect(why('fraction:0.01', { rules: market({ amountStep: 0.00001, minAmount: 0.01 }) }))
      .toBe("sizing fraction:0.01 gives 0.00217 units < the market's min amount 0.01 at price 46,000 with cash 10,000");
    expect(why('fixed:0.0001', { rules: market({ amountStep: 0.00001, minNotional: 5 }) }))
      .toBe("sizing fixed:0.0001 gives 0.0001 units = 4.6 notional < the market's min notional 5 at price 46,000 with cash 10,000");
  });

  it('says when there is no price or no money at all', () => {
    expect(why('all-in', { price: Number.NaN })).toBe('sizing all-in gives 0 units: no usable price (NaN)');
    expect(why('all-in', { cash: 0 })).toBe('sizing all-in gives 0 units: cash 0, nothing to spend');
    expect(why('fraction:0.5', { side: 'sell', equity: -20 })).toBe('sizing fraction:0.5 gives 0 units: equity -20, nothing to spend');
  });

  it('lists every figure for a sizer it does not know', () => {
    const kelly: Sizer = { name: 'kelly', size: () => 0 };
    expect(explainZeroSize(kelly, ctx({ rules: market({ minNotional: 5 }) })))
      .toBe('sizing kelly gives 0 units at price 46,000 with cash 10,000, equity 10,000 (amount step 0.00000001, min amount 0, min notional 5)');
  });
});

const SPECS = ['all-in-units', 'all-in', 'fraction:0.95', 'fraction:0.1', 'fixed:0.001', 'fixed:3'];
const ctxArb = fc.record({
  side: fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
  price: fc.double({ min: 0.0001, max: 200_000, noNaN: true }),
  cash: fc.double({ min: 0, max: 1e6, noNaN: true }),
  equity: fc.double({ min: 0, max: 1e6, noNaN: true }),
  feeRate: fc.constantFrom(0, 0.001, 0.0075),
  rules: fc.record({
    symbol: fc.constant('BTC/USDT'),
    priceStep: fc.constant(0.01),
    amountStep: fc.constantFrom(1e-8, 1e-5, 0.001, 1),
    minAmount: fc.constantFrom(0, 0.0001, 1),
    minNotional: fc.constantFrom(0, 5, 100),
  }),
});

describe('entrySkipReason (property)', () => {
  it('skips exactly the sizes the market cannot take, and then names the sizer and the binding figure', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SPECS), ctxArb, (spec, c) => {
        const sizer = parseSizing(spec);
        const amount = sizer.size(c);
        const tradable = amount > 0 && amount >= c.rules.minAmount && amount * c.price >= c.rules.minNotional;
        const reason = entrySkipReason(sizer, c, amount);
        expect(reason === undefined).toBe(tradable);
        if (reason !== undefined) {
          expect(reason.startsWith(`sizing ${spec} gives `)).toBe(true);
          expect(reason).not.toContain('tradable');
          expect(reason).toMatch(/price [\d,.]+|nothing to spend|rounds to 0 at the market's amount step/);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('ReasonTally', () => {
  it('counts reasons that differ only in their numbers as one, keeping the first wording', () => {
    const t = new ReasonTally();
    t.add('sizing all-in-units gives 0 units: price 46,000 > cash 10,000');
    t.add('sizing all-in-units gives 0 units: price 47,120.5 > cash 9,980');
    t.add('sizing all-in-units gives 0 units: price 1 > equity 0.5');
    expect(t.total).toBe(3);
    expect(t.list()).toEqual([
      { reason: 'sizing all-in-units gives 0 units: price 46,000 > cash 10,000', count: 2 },
      { reason: 'sizing all-in-units gives 0 units: price 1 > equity 0.5', count: 1 },
    ]);
  });
});

// sma-cross(2, 3) on BTC/USDT-like prices around 46,000 with 10,000 cash: entries sent at 46,000, 44,800 and 46,000.
const BTC = flatBars([46_000, 46_000, 46_000, 45_000, 44_000, 46_500, 46_000, 46_800, 45_500, 44_800, 44_000, 45_200, 46_200, 46_000]);
const btc = { series: BTC, symbol: 'BTC/USDT', strategy: 'sma-cross', params: { fast: 2, slow: 3 }, cash: 10_000 } as const;

describe('a crypto backtest that cannot size', () => {
  it('whole units at ~46,000 with 10,000 cash: no orders, and the run says why', async () => {
    const r = await runBacktest({ ...btc, sizing: 'all-in-units' });
    expect(r.actions).toBeGreaterThan(0);
    expect(r.orders).toBe(0);
    expect(r.skippedEntries).toEqual([{ reason: 'sizing all-in-units gives 0 units: price 46,000 > cash 10,000', count: 3 }]);
    expect(runNotes(r)).toEqual([
      'no orders from 5 acting decisions: see why below',
      '3 entries skipped: sizing all-in-units gives 0 units: price 46,000 > cash 10,000',
    ]);
  });

  it('the default for a crypto pair sizes in fractions (95% of equity) and trades', async () => {
    expect(defaultSizing('BTC/USDT')).toBe('fraction:0.95');
    expect(defaultSizing('GOOG')).toBe('all-in-units');
    const r = await runBacktest(btc);
    expect(r.orders).toBeGreaterThan(0);
    expect(r.skippedEntries).toEqual([]);
    expect(r.trades[0].size).toBe(0.20652173); // 9,500 / 46,000 rounded down to the 1e-8 step
  });

  it('a size under the market minimum is skipped with the minimum named, not sent', async () => {
    const r = await runBacktest({ ...btc, sizing: 'fixed:0.0001', market: { ...unrestrictedMarket('BTC/USDT'), amountStep: 0.00001, minNotional: 10 } });
    expect(r.orders).toBe(0);
    expect(r.skippedEntries).toEqual([
      { reason: "sizing fixed:0.0001 gives 0.0001 units = 4.6 notional < the market's min notional 10 at price 46,000 with cash 10,000", count: 3 },
    ]);
  });
});
