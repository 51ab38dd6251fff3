// What the Risk page's breaker bars show: each measuring breaker's reading against its threshold, in the numbers the
// trip reason uses, fresh again after a re-arm.
import { describe, expect, it } from 'vitest';
import { ConsecutiveLossesBreaker } from '../../../electron/engine/risk/breakers/consecutive-losses';
import { DailyLossBreaker } from '../../../electron/engine/risk/breakers/daily-loss';
import { MaxDrawdownBreaker } from '../../../electron/engine/risk/breakers/max-drawdown';

const DAY = 86_400_000;

describe('breaker use', () => {
  it('max-drawdown: percent below the running peak, of maxDrawdownPct', () => {
    const b = new MaxDrawdownBreaker({ maxDrawdownPct: 20, cooldownMs: 0 });
    expect(b.use()).toBeUndefined();
    b.onEquity(0, 10_000);
    b.onEquity(1, 12_000);
    b.onEquity(2, 10_800);
    expect(b.use()).toEqual({ used: 10, max: 20, unit: 'pct' });
    // The trip happens at the same number the bar shows reaching the limit.
    expect(b.onEquity(3, 9_600)).toMatch(/drawdown 20/);
    expect(b.use()?.used).toBeCloseTo(20, 12);
    b.reset();
    expect(b.use()).toBeUndefined();
  });

  it("daily-loss: percent below the UTC day's starting equity, never negative on a gain", () => {
    const b = new DailyLossBreaker({ maxDailyLossPct: 5, cooldownMs: 0 });
    b.onEquity(10 * DAY, 10_000);
    b.onEquity(10 * DAY + 1, 9_700);
    expect(b.use()).toEqual({ used: 3, max: 5, unit: 'pct' });
    b.onEquity(10 * DAY + 2, 10_500);
    expect(b.use()).toEqual({ used: 0, max: 5, unit: 'pct' });
    // The next day starts from the previous close.
    b.onEquity(11 * DAY, 9_975);
    expect(b.use()?.used).toBeCloseTo(5, 12);
  });

  it('consecutive-losses: the losing streak, of maxConsecutiveLosses; a win ends it', () => {
    const b = new ConsecutiveLossesBreaker({ maxConsecutiveLosses: 4, cooldownMs: 0 });
    expect(b.use()).toEqual({ used: 0, max: 4, unit: 'trades' });
    b.onTradeClosed(-5);
    b.onTradeClosed(-1);
    expect(b.use().used).toBe(2);
    b.onTradeClosed(3);
    expect(b.use().used).toBe(0);
  });
});
