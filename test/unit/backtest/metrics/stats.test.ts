// computeStats end to end: one hand-computed run, the conventions, and the degenerate inputs.
import { describe, expect, it } from 'vitest';
import { computeStats, type BacktestStats } from '../../../../electron/engine/backtest/metrics';
import { DAY, HOUR, MONDAY, makeInput, trade } from './helpers';

// Four bars a third of a 365-day year apart, so N = 365 days / (365/3 days) = 3 bars a year and
// the whole run lasts exactly one year: annual return, CAGR and total return all equal 20 %.
const STEP = (365 / 3) * DAY;
const TIME = Float64Array.of(MONDAY, MONDAY + STEP, MONDAY + 2 * STEP, MONDAY + 3 * STEP);
const RUN = makeInput([100, 110, 99, 120], {
  time: TIME,
  close: Float64Array.of(50, 60, 45, 55),
  exposure: Uint8Array.of(0, 1, 1, 0),
  trades: [trade({ pnl: 10, returnPct: 10 }), trade({ pnl: -1, returnPct: -1 })],
  feesPaid: 2.5,
});

describe('computeStats on [100, 110, 99, 120]', () => {
  const s = computeStats(RUN);
  it('time span, exposure, equity, returns', () => {
    expect(s.start).toBe(MONDAY);
    expect(s.end).toBe(MONDAY + 365 * DAY);
    expect(s.duration).toBe(365 * DAY);
    expect(s.exposurePct).toBe(50); // 2 of 4 bars
    expect(s.finalEquity).toBe(120);
    expect(s.peakEquity).toBe(120);
    expect(s.returnPct).toBeCloseTo(20, 12); // (120 − 100)/100
    expect(s.buyHoldReturnPct).toBeCloseTo(10, 12); // (55 − 50)/50
    expect(s.feesPaid).toBe(2.5);
  });
  it('annualized figures with the inferred N = 3', () => {
    expect(s.periodsPerYear).toBeCloseTo(3, 12);
    expect(s.annReturnPct).toBeCloseTo(20, 10); // (1.2^(1/3))^3 − 1
    expect(s.cagrPct).toBeCloseTo(20, 10); // 1.2^(1 year / 1 year) − 1
    expect(s.annVolatilityPct).toBeCloseTo(31.26757, 4); // see returns.test.ts
    expect(s.sharpe).toBeCloseTo(20 / s.annVolatilityPct, 10);
    expect(s.sortino).toBeCloseTo(2, 10); // 0.2 / (sqrt(0.01/3)·√3)
    expect(s.calmar).toBeCloseTo(2, 10); // 0.2 / 0.1
  });
  it('drawdowns: 10 % from bar 1 to bar 3 (two thirds of a year)', () => {
    expect(s.maxDrawdownPct).toBeCloseTo(10, 12);
    expect(s.avgDrawdownPct).toBeCloseTo(10, 12);
    expect(s.maxDrawdownDuration).toBe(2 * STEP);
    expect(s.avgDrawdownDuration).toBe(2 * STEP);
  });
  it('trade stats are merged in', () => {
    expect(s.trades).toBe(2);
    expect(s.winRatePct).toBe(50);
    expect(s.profitFactor).toBeCloseTo(10, 12);
    expect(s.kellyCriterion).toBeCloseTo(0.5 - 0.5 / 10, 12); // W − (1−W)/(10/1)
  });
  it('mean-std convention: Sharpe = 7·√3/sqrt(245.01), Sortino = 70/33', () => {
    const m = computeStats({ ...RUN, sharpeConvention: 'mean-std' });
    expect(m.sharpe).toBeCloseTo((7 * Math.sqrt(3)) / Math.sqrt(245.01), 10);
    expect(m.sortino).toBeCloseTo(70 / 33, 10);
    expect(m.annReturnPct).toBeCloseTo(s.annReturnPct, 12); // only the ratios change
  });
  it('an explicit periodsPerYear overrides inference: N = 6 → 1.2^2 − 1 = 44 %', () => {
    expect(computeStats({ ...RUN, periodsPerYear: 6 }).annReturnPct).toBeCloseTo(44, 10);
  });
  it('risk-free rate lowers the backtesting.py Sharpe numerator: (20 − 5) / vol', () => {
    const r = computeStats({ ...RUN, riskFreeRate: 0.05 });
    expect(r.sharpe).toBeCloseTo(15 / s.annVolatilityPct, 10);
  });
  it('boolean exposure works like 0/1', () => {
    expect(computeStats({ ...RUN, exposure: [false, true, true, false] }).exposurePct).toBe(50);
  });
});

const EVERY_KEY: (keyof BacktestStats)[] = [
  'start', 'end', 'duration', 'exposurePct', 'finalEquity', 'peakEquity', 'returnPct', 'buyHoldReturnPct',
  'annReturnPct', 'annVolatilityPct', 'cagrPct', 'sharpe', 'sortino', 'calmar', 'maxDrawdownPct', 'avgDrawdownPct',
  'maxDrawdownDuration', 'avgDrawdownDuration', 'trades', 'winRatePct', 'bestTradePct', 'worstTradePct',
  'avgTradePct', 'maxTradeDuration', 'avgTradeDuration', 'profitFactor', 'expectancyPct', 'sqn', 'kellyCriterion',
  'feesPaid', 'periodsPerYear',
];

describe('computeStats edge cases', () => {
  it('reports every field as a number', () => {
    const s = computeStats(RUN);
    for (const k of EVERY_KEY) expect(typeof s[k], k).toBe('number');
  });
  it('flat equity, no trades: zero return and drawdown; ratios NaN', () => {
    const s = computeStats(makeInput([100, 100, 100]));
    expect([s.returnPct, s.annReturnPct, s.annVolatilityPct, s.cagrPct, s.maxDrawdownPct]).toEqual([0, 0, 0, 0, 0]);
    expect(s.maxDrawdownDuration).toBe(0);
    for (const k of ['sharpe', 'sortino', 'calmar', 'avgDrawdownPct', 'avgDrawdownDuration', 'winRatePct'] as const) {
      expect(s[k], k).toBeNaN();
    }
    expect(s.trades).toBe(0);
    expect(s.exposurePct).toBe(0);
  });
  it('a single bar: zero duration and return; annualized figures NaN', () => {
    const s = computeStats(makeInput([100]));
    expect([s.duration, s.returnPct, s.maxDrawdownPct]).toEqual([0, 0, 0]);
    for (const k of ['annReturnPct', 'annVolatilityPct', 'cagrPct', 'sharpe', 'sortino', 'periodsPerYear'] as const) {
      expect(s[k], k).toBeNaN();
    }
  });
  it('empty input: no throw, trades 0, the rest NaN except the echoed fees', () => {
    const s = computeStats(makeInput([], { close: new Float64Array(0), exposure: [] }));
    for (const k of EVERY_KEY) {
      if (k === 'trades' || k === 'feesPaid') expect(s[k]).toBe(0);
      else expect(s[k], k).toBeNaN();
    }
  });
  it('ruin (equity to 0): −100 % return, annual return and CAGR; 100 % drawdown; volatility NaN', () => {
    const s = computeStats(makeInput([100, 50, 0, 0]));
    expect(s.returnPct).toBe(-100);
    expect(s.annReturnPct).toBe(-100);
    expect(s.cagrPct).toBe(-100);
    expect(s.maxDrawdownPct).toBe(100);
    expect(s.annVolatilityPct).toBeNaN();
    expect(s.calmar).toBe(-1);
  });
  it('mismatched lengths do not throw: short exposure counts missing bars as flat, empty close → NaN', () => {
    const s = computeStats(makeInput([100, 101, 102, 103], { exposure: Uint8Array.of(1), close: new Float64Array(0) }));
    expect(s.exposurePct).toBe(25);
    expect(s.buyHoldReturnPct).toBeNaN();
  });
  it('hourly crypto bars infer N = 8760', () => {
    expect(computeStats(makeInput([100, 101, 100.5])).periodsPerYear).toBe(8760);
    expect(computeStats(makeInput([100, 101], { time: Float64Array.of(0, HOUR) })).periodsPerYear).toBe(8760);
  });
});
