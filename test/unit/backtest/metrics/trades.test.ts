// Trade statistics and the per-trade return convention, on a hand-computed three-trade book.
import { describe, expect, it } from 'vitest';
import { tradeReturnPct, tradeStats } from '../../../../electron/engine/backtest/metrics';
import { HOUR, MONDAY, trade } from './helpers';

// T1 long 2 @100 → 110, fees 2:    pnl = 2·10 − 2 = 18;      return = +10 % − 2/(2·100) = 9 %
// T2 short 1 @50 → 55, fees 0.5:   pnl = −1·5 − 0.5 = −5.5;  return = −10 % − 0.5/50 = −11 %
// T3 long 1 @20 → 21, no fees:     pnl = 1;                   return = +5 %
// Durations 1 h, 3 h, 2 h.
const BOOK = [
  trade({ size: 2, entryPrice: 100, exitPrice: 110, fees: 2, pnl: 18, returnPct: 9, exitTime: MONDAY + HOUR }),
  trade({ size: -1, entryPrice: 50, exitPrice: 55, fees: 0.5, pnl: -5.5, returnPct: -11, exitTime: MONDAY + 3 * HOUR }),
  trade({ size: 1, entryPrice: 20, exitPrice: 21, fees: 0, pnl: 1, returnPct: 5, exitTime: MONDAY + 2 * HOUR }),
];

describe('tradeReturnPct', () => {
  it('reproduces the book: 9, −11, 5', () => {
    expect(tradeReturnPct(100, 110, 2, 2)).toBeCloseTo(9, 12);
    expect(tradeReturnPct(50, 55, -1, 0.5)).toBeCloseTo(-11, 12);
    expect(tradeReturnPct(20, 21, 1, 0)).toBeCloseTo(5, 12);
  });
  it('NaN for a zero size or a non-positive entry price', () => {
    expect(tradeReturnPct(100, 110, 0, 0)).toBeNaN();
    expect(tradeReturnPct(0, 110, 1, 0)).toBeNaN();
  });
});

describe('tradeStats', () => {
  const s = tradeStats(BOOK);
  it('count, win rate 2/3, best 9, worst −11', () => {
    expect(s.trades).toBe(3);
    expect(s.winRatePct).toBeCloseTo(200 / 3, 12);
    expect(s.bestTradePct).toBe(9);
    expect(s.worstTradePct).toBe(-11);
  });
  it('avg trade = geometric mean: (1.09 · 0.89 · 1.05)^(1/3) − 1 = 1.018605^(1/3) − 1 ≈ 0.61636 %', () => {
    expect(s.avgTradePct).toBeCloseTo((Math.cbrt(1.09 * 0.89 * 1.05) - 1) * 100, 12);
    expect(s.avgTradePct).toBeCloseTo(0.61636, 5);
  });
  it('expectancy = arithmetic mean of returns = (9 − 11 + 5)/3 = 1 %', () => {
    expect(s.expectancyPct).toBeCloseTo(1, 12);
  });
  it('profit factor on returns = (9 + 5)/11 = 14/11', () => {
    expect(s.profitFactor).toBeCloseTo(14 / 11, 12);
  });
  it('SQN = √3 · 4.5 / std(18, −5.5, 1) = √3 · 4.5 / sqrt(294.5/2) ≈ 0.642310', () => {
    // mean pnl = 13.5/3 = 4.5; deviations 13.5, −10, −3.5; squares 182.25 + 100 + 12.25 = 294.5
    expect(s.sqn).toBeCloseTo((Math.sqrt(3) * 4.5) / Math.sqrt(147.25), 12);
    expect(s.sqn).toBeCloseTo(0.64231, 5);
  });
  it('Kelly = W − (1 − W)/(avgWin/avgLoss) = 2/3 − (1/3)/(9.5/5.5) = 9/19', () => {
    expect(s.kellyCriterion).toBeCloseTo(9 / 19, 12);
  });
  it('max duration 3 h, average (1 + 3 + 2)/3 = 2 h', () => {
    expect(s.maxTradeDuration).toBe(3 * HOUR);
    expect(s.avgTradeDuration).toBe(2 * HOUR);
  });
});

describe('tradeStats edge cases', () => {
  it('no trades: count 0, everything else NaN', () => {
    const s = tradeStats([]);
    expect(s.trades).toBe(0);
    for (const [k, v] of Object.entries(s)) if (k !== 'trades') expect(v, k).toBeNaN();
  });
  it('all winners: profit factor Infinity, Kelly NaN (no average loss)', () => {
    const s = tradeStats([trade({ pnl: 5, returnPct: 5 }), trade({ pnl: 2, returnPct: 2 })]);
    expect(s.winRatePct).toBe(100);
    expect(s.profitFactor).toBe(Infinity);
    expect(s.kellyCriterion).toBeNaN();
  });
  it('all losers: profit factor 0, win rate 0, Kelly NaN', () => {
    const s = tradeStats([trade({ pnl: -5, returnPct: -5 }), trade({ pnl: -1, returnPct: -1 })]);
    expect(s.profitFactor).toBe(0);
    expect(s.winRatePct).toBe(0);
    expect(s.kellyCriterion).toBeNaN();
  });
  it('only break-even trades: profit factor NaN (0/0), SQN NaN (zero spread), not wins', () => {
    const s = tradeStats([trade({}), trade({})]);
    expect(s.profitFactor).toBeNaN();
    expect(s.sqn).toBeNaN();
    expect(s.winRatePct).toBe(0);
  });
  it('one trade: SQN NaN (sample std needs two)', () => {
    expect(tradeStats([trade({ pnl: 3, returnPct: 3 })]).sqn).toBeNaN();
  });
  it('a loss beyond −100 % (a short) leaves the geometric average undefined; −100 % makes it −100 %', () => {
    expect(tradeStats([trade({ returnPct: -150 }), trade({ returnPct: 10 })]).avgTradePct).toBeNaN();
    expect(tradeStats([trade({ returnPct: -100 }), trade({ returnPct: 10 })]).avgTradePct).toBe(-100);
  });
});
