// Backtests pass through the app's limits and breakers on a backtest-local risk state, fed on bar time.
import { describe, expect, it } from 'vitest';
import type { DecisionAction } from '../../../shared/domain';
import { runBacktest, type BacktestOptions } from '../../../electron/engine/backtest';
import { barSpanMs, quoteOf, replayBreakers } from '../../../electron/engine/backtest/backtest-risk';
import { runNotes } from '../../../electron/engine/backtest/run-notes';
import { allocateSeries, type CandleSeries } from '../../../electron/engine/model/candle-series';
import type { SignalSource } from '../../../electron/engine/model/signal';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

/** Hourly bars sitting at their close (open = high = low = close), so a decision fills at the next bar's close price. */
function hourly(closes: readonly number[]): CandleSeries {
  const s = allocateSeries(closes.length);
  closes.forEach((c, i) => {
    s.time[i] = T0 + i * HOUR;
    [s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i]] = [c, c, c, c, 1];
  });
  return s;
}

/** Acts only on the bars it is told: decisions are fixed, so what changes between runs is only what risk lets through. */
function scripted(actions: Readonly<Record<number, DecisionAction>>): SignalSource {
  return {
    name: 'script',
    prepare: () => {},
    decide: (ctx) => ({ time: ctx.series.time[ctx.index], symbol: ctx.symbol, action: actions[ctx.index] ?? 'hold', score: 0, votes: [] }),
  };
}

const off = { enabled: false };
/** Only the drawdown breaker, so the test sees one cause at a time. */
const DRAWDOWN_ONLY = { dailyLoss: off, consecutiveLosses: off, priceGap: off };

// Long at 100, a slide to 78 (−22 %: the 20 % drawdown breaker trips at bar 5's close), exit, then entries while tripped.
const SLIDE = [100, 100, 95, 90, 85, 78, ...Array<number>(29).fill(80)];
const SCRIPT = { 0: 'buy', 6: 'exit', 8: 'buy', 10: 'exit', 27: 'buy', 28: 'exit', 29: 'buy' } as const;
const base: BacktestOptions = { series: hourly(SLIDE), symbol: 'BTC/USDT', timeframe: '1h', strategy: scripted(SCRIPT), sizing: 'all-in' };

describe('a backtest-local risk state', () => {
  it('trips the drawdown breaker on bar time, vetoes later entries until its 24 h cooldown ends, lets exits through', async () => {
    const r = await runBacktest({ ...base, risk: { breakers: DRAWDOWN_ONLY } });
    expect(r.risk).toBe('local');
    expect(r.breakerTrips).toEqual([{
      name: 'max-drawdown', time: T0 + 6 * HOUR, rearmAt: T0 + 30 * HOUR,
      reason: 'drawdown 22.0% from peak 10,000.00 USDT to 7,800.00 USDT ≥ 20% limit',
    }]);
    // The entries sent at bars 9 and 28 are vetoed; the exit at bar 7 passes; the entry at bar 30's open follows the re-arm.
    expect(r.vetoes).toBe(2);
    expect(r.vetoReasons).toEqual([{ count: 2, reason: expect.stringMatching(/^circuit breaker max-drawdown tripped \(drawdown 22\.0% .*\): no new entries, exits only$/) }]);
    expect(r.trades.map((t) => [t.entryTime, t.exitTime])).toEqual([[T0 + HOUR, T0 + 7 * HOUR]]);
    expect(r.finalPosition).toBeGreaterThan(0);
    expect(r.orders).toBe(3);
    expect(runNotes(r)).toEqual([
      expect.stringMatching(/^2 orders vetoed: circuit breaker max-drawdown tripped/),
      'circuit breaker max-drawdown tripped 1 time (first at 2024-01-01T06:00:00Z: drawdown 22.0% from peak 10,000.00 USDT to 7,800.00 USDT ≥ 20% limit)',
    ]);
  });

  it('the same run with risk off trades on', async () => {
    for (const risk of [false, undefined] as const) {
      const r = await runBacktest({ ...base, risk });
      expect(r.risk).toBe('off');
      expect(r.vetoes).toBe(0);
      expect(r.breakerTrips).toEqual([]);
      expect(r.trades.map((t) => t.entryTime)).toEqual([T0 + HOUR, T0 + 9 * HOUR, T0 + 28 * HOUR]);
    }
  });

  it('vetoes an entry over maxOrderNotional, naming the limit and the numbers; a smaller size passes', async () => {
    const limited = { ...base, strategy: scripted({ 0: 'buy', 3: 'exit', 8: 'buy' }), risk: { limits: { maxOrderNotional: 5_000 }, breakers: DRAWDOWN_ONLY } };
    const r = await runBacktest(limited);
    expect(r.orders).toBe(0);
    expect(r.vetoes).toBe(2);
    expect(r.vetoReasons).toEqual([{ count: 2, reason: 'order BTC/USDT notional 10,000.00 USDT > 5,000.00 USDT limit' }]);
    expect(runNotes(r)[0]).toBe('no orders from 3 acting decisions: see why below');
    const small = await runBacktest({ ...limited, sizing: 'fraction:0.4' });
    expect(small.vetoes).toBe(0);
    expect(small.trades).toHaveLength(1);
  });

  it('a price gap at the open trips before the entry sent at that open; stale data never trips on a replay gap', async () => {
    const gapped = hourly([100, 100, 100, 115, 115, 115]);
    gapped.time.set([T0, T0 + HOUR, T0 + 2 * HOUR, T0 + 20 * HOUR, T0 + 21 * HOUR, T0 + 22 * HOUR]);
    const r = await runBacktest({ ...base, series: gapped, strategy: scripted({ 2: 'buy' }), risk: {} });
    expect(r.breakerTrips.map((t) => [t.name, t.time])).toEqual([['price-gap', T0 + 20 * HOUR]]);
    expect(r.breakerTrips[0].reason).toBe('price gap BTC/USDT 15.0% (open 115 vs previous close 100) ≥ 10% limit');
    expect(r.vetoReasons[0].reason).toMatch(/^circuit breaker price-gap tripped/);
    expect(r.orders).toBe(0);
  });

  it('takes a given RiskGate as is', async () => {
    const r = await runBacktest({ ...base, risk: { check: () => ({ accepted: false, reason: 'closed' }) } });
    expect(r.risk).toBe('gate');
    expect(r.vetoReasons).toEqual([{ reason: 'closed', count: 4 }]); // the four entries; exits while flat send nothing
  });
});

describe('backtest risk helpers', () => {
  it('switches off the breakers a replay cannot feed, keeping the rest of the settings', () => {
    expect(replayBreakers({ maxDrawdown: { maxDrawdownPct: 5 }, staleData: { maxBarsMissed: 9 } })).toEqual({
      maxDrawdown: { maxDrawdownPct: 5 }, staleData: { maxBarsMissed: 9, enabled: false }, exchangeErrors: { enabled: false },
    });
  });

  it('names the quote currency of a pair', () => {
    expect([quoteOf('BTC/USDT'), quoteOf('XRP/USDT:USDT'), quoteOf('GOOG')]).toEqual(['USDT', 'USDT', 'quote']);
  });

  it('measures a bar by its timeframe, else by the bars’ usual spacing', () => {
    const s = hourly([1, 2, 3, 4]);
    expect(barSpanMs(s, '4h')).toBe(4 * HOUR);
    expect(barSpanMs(s)).toBe(HOUR);
    expect(barSpanMs(hourly([1]))).toBe(0);
  });
});
