// backtesting.py's README example: SmaCross(10, 20) on its GOOG data, commission=.002, exclusive_orders=True.
//
// The README's "Results in:" block (unchanged from 0.2.x through 0.6.x) was produced by backtesting.py 0.2.x code
// (late 2020, after the annualized stats of PR #156, before the Expectancy fix of #181 and the 0.3.0 auto-close):
// `commission=` then moved the ENTRY fill price by ±0.2 % (what ≥ 0.6 calls `spread=`), exits filled at the plain
// open, no fee was charged in cash, the last trade stayed open (marked at the last close) and exposure/trade stats
// counted closed trades only. Hence `spread: 0.002, commission: 0, exposure: 'closed-trades'` below.
import { describe, expect, it } from 'vitest';
import { runBacktest, type BacktestResult } from '../../../electron/engine/backtest';
import { readDailyCsv } from './daily-csv';
import { hasSharedData, SHARED_SKIP_REASON, sharedPath } from '../../shared-data';

const DAY = 86_400_000;
/** The README prints 2 decimals; compare at exactly that precision. */
const printed = (x: number) => Number(x.toFixed(2));
/** backtesting.py rounds timedeltas up to the bar resolution (a day here). */
const days = (ms: number) => Math.ceil(ms / DAY);

describe.skipIf(!hasSharedData)(`backtesting.py README SmaCross on GOOG${hasSharedData ? '' : ` (${SHARED_SKIP_REASON})`}`, () => {
  let r: BacktestResult;

  it('runs sma-cross(10, 20) long/short, all-in whole units, 10,000 cash, 0.2 % entry spread, next-open fills', async () => {
    r = await runBacktest({
      series: readDailyCsv(sharedPath('data', 'backtesting.py', 'GOOG.csv')),
      symbol: 'GOOG',
      strategy: 'sma-cross',
      params: { fast: 10, slow: 20 },
      allowShort: true,
      cash: 10_000,
      commission: 0,
      spread: 0.002,
      sizing: 'all-in-units',
      fill: 'next-open',
      exposure: 'closed-trades',
    });
    expect(r.equity.length).toBe(2148);
  });

  it('sizes each entry at the fill open after the exclusive close: first a short of 59 at 169.02 × 0.998', () => {
    const [first] = r.trades;
    expect(first.size).toBe(-59);
    expect(first.entryPrice).toBeCloseTo(169.02 * 0.998, 9);
    expect(first.exitPrice).toBe(179.13);
    expect(r.finalPosition).toBe(85); // the 94th trade is still open at the end, as in the README
  });

  it('matches the published equity figures', () => {
    const s = r.stats;
    expect(printed(s.exposurePct)).toBe(94.27);
    expect(printed(s.finalEquity)).toBe(68_935.12);
    expect(printed(s.peakEquity)).toBe(68_991.22);
    expect(printed(s.returnPct)).toBe(589.35);
    expect(printed(s.buyHoldReturnPct)).toBe(703.46);
    expect(printed(s.annVolatilityPct)).toBe(38.43);
    expect(printed(s.sharpe)).toBe(0.66);
    expect(printed(s.sortino)).toBe(1.3);
    expect(printed(s.calmar)).toBe(0.77);
    expect(printed(-s.maxDrawdownPct)).toBe(-33.08);
    expect(printed(-s.avgDrawdownPct)).toBe(-5.58);
    expect(days(s.maxDrawdownDuration)).toBe(688);
    expect(days(s.avgDrawdownDuration)).toBe(41);
  });

  it('matches the published trade figures', () => {
    const s = r.stats;
    expect(s.trades).toBe(93);
    expect(printed(s.winRatePct)).toBe(53.76);
    expect(printed(s.bestTradePct)).toBe(57.12);
    expect(printed(s.worstTradePct)).toBe(-16.63);
    expect(printed(s.avgTradePct)).toBe(1.96);
    expect(days(s.maxTradeDuration)).toBe(121);
    expect(days(s.avgTradeDuration)).toBe(32);
    expect(printed(s.profitFactor)).toBe(2.13);
    expect(printed(s.sqn)).toBe(1.78);
  });

  // The two rows below differ by metric formula only; each is recomputed here from our own curve/trades to show it.
  it('Return (Ann.): we print 25.43; the README 25.42 divides the log growth by n bars, not n − 1 returns', () => {
    const n = r.equity.length;
    expect(printed(r.stats.annReturnPct)).toBe(25.43);
    const perBar = Math.pow(r.equity[n - 1] / r.equity[0], 1 / n); // backtesting.py counts the first, undefined return as 0
    expect(printed((Math.pow(perBar, 252) - 1) * 100)).toBe(25.42);
  });

  it('Expectancy: we print the mean return (2.49); the README 6.91 is the pre-#181 formula that adds the losses', () => {
    expect(printed(r.stats.expectancyPct)).toBe(2.49);
    const rets = r.trades.map((t) => t.returnPct / 100);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const winRate = r.stats.winRatePct;
    const old = mean(rets.filter((x) => x > 0)) * winRate - mean(rets.filter((x) => x < 0)) * (100 - winRate);
    expect(printed(old)).toBe(6.91);
  });
  // Not asserted: 'CAGR [%] 16.80', 'Kelly Criterion 0.6134', 'Alpha [%]', 'Beta' were added to the README later by
  // hand from other versions' runs (CAGR matches 0.5's auto-closed run, final equity 68,221.97, over 3116/252 years;
  // a Kelly above the 53.76 % win rate is impossible with that formula), and we compute no alpha/beta.
});
