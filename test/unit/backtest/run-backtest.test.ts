// The backtest is the trading loop on a replay clock: fill timing, reversals, finalize, vetoes, ranges, bookkeeping.
import { describe, expect, it } from 'vitest';
import { runBacktest, type BacktestOptions } from '../../../electron/engine/backtest';
import { runNotStored } from '../../../electron/engine/backtest/stored-run';
import { ACCEPTED, MemoryRecorder, vetoed } from '../../../electron/engine/trading';
import { DAY, flatBars, seriesOf, T0, WAVE_CLOSES, WAVE_RUN, waveSeries } from './helpers';

// Closes cross SMA(3) upward at bar 3 and downward at bar 5; opens differ from closes so timing shows in prices.
const ROWS = [
  [10, 10, 10, 10],
  [10, 10, 10, 10],
  [9.5, 10, 9, 9],
  [9, 12.5, 9, 12],
  [12.2, 13.5, 12, 13],
  [12.8, 13, 8.5, 9],
  [9.2, 9.5, 8, 8.5],
  [8.4, 9, 8, 8.8],
] as const;
const series = seriesOf(ROWS);

const base: BacktestOptions = { series, symbol: 'X', strategy: 'price-sma-cross', params: { period: 3 }, sizing: 'fixed:1' };
const fillsOf = (r: { recorder: unknown }) => (r.recorder as MemoryRecorder).fills.map((f) => [f.side, f.price, (f.time - T0) / DAY]);

describe('fill timing', () => {
  it("'next-open': a decision on bar i's close fills at bar i+1's open", async () => {
    const r = await runBacktest(base);
    expect(fillsOf(r)).toEqual([
      ['buy', 12.2, 4],
      ['sell', 9.2, 6],
    ]);
  });

  it("'close': a decision fills at its own bar's close", async () => {
    const r = await runBacktest({ ...base, fill: 'close' });
    expect(fillsOf(r)).toEqual([
      ['buy', 12, 3],
      ['sell', 9, 5],
      ['buy', 8.8, 7], // 8.8 > SMA(3) 8.77 after 8.5 < 10.17: in next-open mode this last decision is never sent
    ]);
  });

  it('a decision on the last bar is never sent in next-open mode', async () => {
    const r = await runBacktest({ ...base, to: series.time[5] });
    expect(r.actions).toBe(2);
    expect(fillsOf(r)).toEqual([['buy', 12.2, 4]]);
    expect(r.finalPosition).toBe(1);
  });
});

describe('finalize', () => {
  it('closes the open position at the last bar close and counts the trade', async () => {
    const open = await runBacktest({ ...base, to: series.time[4] });
    expect([open.finalPosition, open.stats.trades]).toEqual([1, 0]);
    const closed = await runBacktest({ ...base, to: series.time[4], finalize: true });
    expect([closed.finalPosition, closed.stats.trades]).toEqual([0, 1]);
    expect(fillsOf(closed).at(-1)).toEqual(['sell', 13, 4]);
    expect(closed.stats.finalEquity).toBeCloseTo(open.stats.finalEquity, 12);
  });
});

describe('equity and exposure', () => {
  it('equity is cash plus the position at each close; exposure flags held bars and the exit bar', async () => {
    const r = await runBacktest(base);
    const closes = ROWS.map((row) => row[3]);
    const held = [0, 0, 0, 0, 1, 1, 0, 0];
    const cash = [0, 0, 0, 0, -12.2, -12.2, -3, -3];
    expect(Array.from(r.equity)).toEqual(closes.map((c, i) => 10_000 + cash[i] + held[i] * c));
    expect(Array.from(r.exposure)).toEqual([0, 0, 0, 0, 1, 1, 1, 0]);
  });
});

describe('sma-cross reversals', () => {
  const wave = waveSeries();
  const opts: BacktestOptions = { series: wave, symbol: 'X', strategy: 'sma-cross', params: { fast: 2, slow: 3 }, sizing: 'fixed:2' };

  it('with allowShort a cross closes the position then opens the other side, ids from (run, symbol, bar, seq)', async () => {
    const r = await runBacktest({ ...opts, allowShort: true });
    const rec = r.recorder as MemoryRecorder;
    const ids = rec.fills.map((f) => f.clientOrderId.replace(String(T0), 'T0'));
    expect(rec.fills.map((f) => [f.side, f.amount])).toEqual([
      ['buy', 2],
      ['sell', 2],
      ['sell', 2],
      ['buy', 2],
      ['buy', 2],
    ]);
    expect(ids[0]).toBe(`run:X:${wave.time[5]}:1`);
    expect(ids.slice(1, 3)).toEqual([`run:X:${wave.time[8]}:0`, `run:X:${wave.time[8]}:1`]);
    expect(r.finalPosition).toBe(2);
  });

  it('without allowShort a downward cross only closes the long', async () => {
    const r = await runBacktest(opts);
    expect((r.recorder as MemoryRecorder).fills.map((f) => f.side)).toEqual(['buy', 'sell', 'buy']);
  });

  it('a run kept nowhere skips reason text and nothing else: same trades, equity and statistics as a recorded run', async () => {
    const recorded = await runBacktest({ ...opts, allowShort: true });
    const rec = recorded.recorder as MemoryRecorder;
    expect(rec.decisions.filter((d) => d.action !== 'hold').map((d) => d.votes[0].reasons[0])).toEqual([
      expect.stringMatching(/^SMA\(2\)=[\d.]+ crossed above SMA\(3\)=[\d.]+$/),
      expect.stringMatching(/crossed below/),
      expect.stringMatching(/crossed above/),
    ]);
    const nowhere = await runNotStored({ ...opts, allowShort: true });
    expect(nowhere.stats).toEqual(recorded.stats);
    expect(nowhere.trades).toEqual(recorded.trades);
    expect([...nowhere.equity]).toEqual([...recorded.equity]);
    expect(nowhere.actions).toBe(recorded.actions);
  });
});

describe('sizing through the loop', () => {
  it("'all-in-units' buys whole units at the fill bar's open, commission included", async () => {
    const r = await runBacktest({ ...base, sizing: 'all-in-units', commission: 0.01, cash: 1000 });
    const [buy] = (r.recorder as MemoryRecorder).fills;
    expect(buy.amount).toBe(Math.floor(1000 / (12.2 * 1.01))); // 81
    expect(buy.fee).toBeCloseTo(0.01 * 12.2 * 81, 12);
  });
});

describe('risk gate', () => {
  it('a vetoed intent never reaches the broker and is recorded with its reason', async () => {
    const r = await runBacktest({ ...base, risk: { check: () => vetoed('daily loss limit') } });
    const rec = r.recorder as MemoryRecorder;
    expect([r.orders, r.fills, r.vetoes]).toEqual([0, 0, 1]);
    expect(rec.vetoes[0]).toMatchObject({ reason: 'daily loss limit', intent: { side: 'buy', amount: 1 } });
  });
});

describe('risk gate on exits', () => {
  it('when the exit is vetoed the reversal stops there: no opposite entry nets the position down', async () => {
    const wave = flatBars(WAVE_CLOSES);
    const r = await runBacktest({
      ...WAVE_RUN,
      series: wave,
      risk: { check: (i) => (i.reduceOnly ? vetoed('exits frozen') : ACCEPTED) },
    });
    expect((r.recorder as MemoryRecorder).fills.map((f) => f.side)).toEqual(['buy']);
    expect([r.finalPosition, r.vetoes]).toEqual([2, 1]);
  });
});

describe('replay range', () => {
  it('from/to pick the bars replayed; earlier bars still warm the indicators up', async () => {
    const r = await runBacktest({ ...base, from: series.time[3], to: series.time[6] });
    expect(Array.from(r.time)).toEqual([3, 4, 5, 6].map((i) => series.time[i]));
    expect(fillsOf(r)).toEqual([
      ['buy', 12.2, 4],
      ['sell', 9.2, 6],
    ]);
  });

  it('rejects bad options by field name', async () => {
    await expect(runBacktest({ ...base, cash: -1 })).rejects.toThrow(/cash/);
    await expect(runBacktest({ ...base, fill: 'later' as never })).rejects.toThrow(/fill/);
    await expect(runBacktest({ ...base, sizing: 'most' })).rejects.toThrow(/sizing/);
  });
});
