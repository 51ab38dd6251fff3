// The closed-trade log: rows of numbers that give back the records put in, and the same statistics to the last bit as
// the records do; a Portfolio makes its records from it only when asked, and brings them up to date on each ask.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tradeStats } from '../../../../electron/engine/backtest/metrics';
import { TradeLog } from '../../../../electron/engine/backtest/metrics/trade-log';
import type { TradeRecord } from '../../../../electron/engine/backtest/metrics/types';
import { Portfolio } from '../../../../electron/engine/trading/portfolio';
import type { Fill } from '../../../../electron/engine/model/order';

const price = fc.double({ min: 0.01, max: 1e6, noNaN: true });
const record = fc.record({
  entryTime: fc.integer({ min: 0, max: 2e12 }), exitTime: fc.integer({ min: 0, max: 2e12 }), entryPrice: price, exitPrice: price,
  size: fc.double({ min: -1e3, max: 1e3, noNaN: true }), pnl: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  returnPct: fc.double({ min: -99, max: 1e3, noNaN: true }), fees: fc.double({ min: 0, max: 1e3, noNaN: true }),
});

describe('TradeLog', () => {
  it('gives back each record put in, past its first growth (64 rows)', () => {
    fc.assert(fc.property(fc.array(record, { minLength: 0, maxLength: 300 }), (trades) => {
      const log = TradeLog.from(trades);
      expect(log.length).toBe(trades.length);
      trades.forEach((t, i) => {
        expect(log.at(i)).toEqual(t);
        expect([log.pnl(i), log.returnPct(i), log.entryTime(i), log.exitTime(i)]).toEqual([t.pnl, t.returnPct, t.entryTime, t.exitTime]);
      });
    }), { numRuns: 50 });
  });

  it('gives the statistics of its records, to the last bit', () => {
    fc.assert(fc.property(fc.array(record, { maxLength: 200 }), (trades) => {
      expect(tradeStats(TradeLog.from(trades))).toStrictEqual(tradeStats(trades));
    }), { numRuns: 100 });
  });
});

describe("a Portfolio's trade records", () => {
  const fill = (side: 'buy' | 'sell', price: number, time: number): Fill =>
    ({ orderId: `o${time}`, clientOrderId: `c${time}`, symbol: 'X', side, amount: 1, price, fee: 0.1, time } as Fill);

  it('are made from its log when asked, and the next ask includes trades closed since', () => {
    const p = new Portfolio(1_000);
    p.applyFill(fill('buy', 100, 1));
    p.applyFill(fill('sell', 110, 2));
    expect(p.closed.length).toBe(1);
    const first: readonly TradeRecord[] = p.trades;
    expect(first).toEqual([p.closed.at(0)]);
    p.applyFill(fill('buy', 90, 3));
    p.applyFill(fill('sell', 80, 4));
    expect(p.closed.length).toBe(2);
    expect(p.trades).toHaveLength(2);
    expect(p.trades[1]).toMatchObject({ entryTime: 3, exitTime: 4, entryPrice: 90, exitPrice: 80, size: 1, pnl: -10 - 0.2, fees: 0.2 });
    expect(p.trades[0]).toBe(first[0]); // records already made are not made again
  });
});
