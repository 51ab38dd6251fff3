// The tray's "P&L today" through the assembled engine: a paper account trading on the exchange emulator; the figure
// is equity now minus the equity the daily-loss breaker saw at the start of the UTC day, and the tooltip shows it.
import { afterAll, describe, expect, it } from 'vitest';
import { pnlToday, trayStateOf } from '../../../electron/shell/shell-state';
import { trayTooltip } from '../../../electron/shell/tray-menu';
import { hasSharedData } from '../../shared-data';
import { tempDir } from '../../support/temp';
import { tradingRig, type Rig } from '../../support/trading-rig';

describe.skipIf(!hasSharedData)('tray P&L today', () => {
  const dir = tempDir();
  let rig: Rig | undefined;
  afterAll(async () => rig?.dispose());

  it('is unknown before an account opens, then follows the paper account through a trade', async () => {
    const r = (rig = await tradingRig(dir, 'tray-pnl.db'));
    const engine = await r.open();
    expect(pnlToday(engine)).toBeUndefined();
    await r.start({ mode: 'paper', cash: 10_000 });
    await r.barsUntil(() => (engine.desk.status().sessions[0]?.position?.size ?? 0) > 0);
    await r.bars(3);
    const account = engine.desk.account('paper:binance')!;
    const dayStart = (account.risk.breakers.measuresOf('daily-loss') as { dayStart: number }).dayStart;
    // The first equity the breaker saw today (the account's opening cash, less what the first fill already cost).
    expect(dayStart).toBeGreaterThan(9_900);
    expect(dayStart).toBeLessThanOrEqual(10_000);
    const pnl = pnlToday(engine) as number;
    expect(pnl).toBeCloseTo(account.equity() - dayStart, 9);
    const sign = pnl >= 0 ? '+' : '-';
    expect(trayTooltip(trayStateOf(engine))).toContain(`P&L today ${sign}${Math.abs(pnl).toFixed(2)}`);
  });
});
