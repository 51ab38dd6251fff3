// Live performance from equity samples: the history keeps order and size; Sharpe and drawdown match a hand computation
// and are unchanged by the account's size; the drawdown is judged against the max-drawdown breaker's limit.
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPerformance, EquityHistory, MIN_RETURNS_FOR_SHARPE, performanceOf } from '../../../electron/engine/health';
import { openStore } from '../../../electron/engine/store/database';
import { EquityRepository } from '../../../electron/engine/store/equity-repo';
import { tempDir } from '../../support/temp';

const MIN = 60_000;
const thresholds = { drawdownWarnShare: 0.75 };

function series(values: number[], step = MIN) {
  return { time: values.map((_, i) => i * step), equity: values };
}

describe('EquityHistory', () => {
  it('keeps samples in time order: same time replaces, older or non-finite is ignored, oldest dropped past capacity', () => {
    const h = new EquityHistory(3);
    h.note('a', 1, 100);
    h.note('a', 1, 101);
    h.note('a', 0, 50);
    h.note('a', 2, Number.NaN);
    h.note('a', 2, 102);
    expect(h.get('a')).toEqual({ time: [1, 2], equity: [101, 102] });
    h.note('a', 3, 103);
    h.note('a', 4, 104);
    expect(h.get('a')).toEqual({ time: [2, 3, 4], equity: [102, 103, 104] });
    expect(h.accounts()).toEqual(['a']);
    h.forget('a');
    expect(h.get('a')).toBeUndefined();
  });

  it('writes through to SQLite and reads the same history back after a reopen, no more than it keeps', () => {
    const path = join(tempDir(), 'equity.db');
    let store = openStore(path);
    const h = new EquityHistory(3, new EquityRepository(store.db));
    for (const [t, e] of [[1, 100], [1, 101], [0, 50], [2, 102], [3, 103], [4, 104]]) h.note('a', t, e);
    h.note('b', 10, 7);
    store.db.close();
    store = openStore(path);
    try {
      const rows = store.db.prepare('SELECT account, time, equity FROM account_equity ORDER BY account, time').all();
      expect(rows).toEqual([
        { account: 'a', time: 2, equity: 102 }, { account: 'a', time: 3, equity: 103 }, { account: 'a', time: 4, equity: 104 },
        { account: 'b', time: 10, equity: 7 },
      ]);
      const again = new EquityHistory(2, new EquityRepository(store.db));
      expect(again.get('a')).toEqual({ time: [3, 4], equity: [103, 104] });
      expect(again.accounts()).toEqual(['a', 'b']);
    } finally {
      store.db.close();
    }
  });
});

describe('performanceOf', () => {
  it('matches a hand computation of drawdown and the annualized mean/std Sharpe', () => {
    const values = [100, 110, 99, 105, 120, 90, 95, 100, 101, 102, 103, 101, 104, 106, 105, 107, 108, 110, 109, 111, 112, 113];
    const p = performanceOf(series(values));
    // Peak 120 then 90: 25 %; the last sample 113 is 5.83 % under 120.
    expect(p.maxDrawdownPct).toBeCloseTo(25, 10);
    expect(p.currentDrawdownPct).toBeCloseTo(((120 - 113) / 120) * 100, 10);
    const r = values.slice(1).map((v, i) => v / values[i] - 1);
    const mean = r.reduce((a, b) => a + b, 0) / r.length;
    const sd = Math.sqrt(r.reduce((a, x) => a + (x - mean) ** 2, 0) / (r.length - 1));
    expect(p.sharpe).toBeCloseTo((mean / sd) * Math.sqrt((365.25 * 86_400_000) / MIN), 8);
    expect(p).toMatchObject({ samples: values.length, stepMs: MIN, lastEquity: 113, firstTime: 0 });
  });

  it('gives no Sharpe ratio without enough returns, or on a flat curve', () => {
    expect(performanceOf(series([100, 101, 102])).sharpe).toBeUndefined();
    expect(performanceOf(series(Array(MIN_RETURNS_FOR_SHARPE + 5).fill(100))).sharpe).toBeUndefined();
    expect(performanceOf({ time: [], equity: [] })).toEqual({ samples: 0, maxDrawdownPct: 0, currentDrawdownPct: 0 });
  });

  it('keeps drawdowns within [0, 100] and ignores the account size (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 80 }),
      fc.double({ min: 0.001, max: 1000, noNaN: true }),
      (values, scale) => {
        const a = performanceOf(series(values));
        const b = performanceOf(series(values.map((v) => v * scale)));
        expect(a.maxDrawdownPct).toBeGreaterThanOrEqual(0);
        expect(a.maxDrawdownPct).toBeLessThanOrEqual(100);
        expect(a.currentDrawdownPct).toBeLessThanOrEqual(a.maxDrawdownPct + 1e-9);
        expect(b.maxDrawdownPct).toBeCloseTo(a.maxDrawdownPct, 6);
        expect(b.sharpe === undefined).toBe(a.sharpe === undefined);
        if (a.sharpe !== undefined) expect(Math.abs((b.sharpe as number) - a.sharpe)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(a.sharpe)));
      },
    ), { numRuns: 300 });
  });
});

describe('checkPerformance', () => {
  it('is ok below 75 % of the breaker limit, warn from there, bad at the limit; only shown when the breaker is off', () => {
    const limit = { maxDrawdownPct: 20, thresholds };
    expect(checkPerformance('paper:binance', series([100, 90]), limit)).toMatchObject({ name: 'performance:paper:binance', status: 'ok' });
    expect(checkPerformance('paper:binance', series([100, 85]), limit)).toMatchObject({ status: 'warn', detail: expect.stringMatching(/near the max-drawdown limit/) });
    expect(checkPerformance('paper:binance', series([100, 80]), limit)).toMatchObject({ status: 'bad', measured: { currentDrawdownPct: 20 } });
    expect(checkPerformance('paper:binance', series([100, 50]), { thresholds })).toMatchObject({ status: 'ok', detail: expect.stringMatching(/breaker off/) });
  });
});
