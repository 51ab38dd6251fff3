// Several sessions share one account: each trades within its budget, the budgets never add up to more than the
// account holds, and the account-wide limits (open orders, per-strategy exposure) veto by name.
import { afterEach, describe, expect, it } from 'vitest';
import type { EmuCandle } from '../../emulator';
import { hasSharedData } from '../../shared-data';
import { filCandles } from '../../support/binance-csv';
import { tempDir } from '../../support/temp';
import { tradingRig, type Rig } from '../../support/trading-rig';

const dir = tempDir();
let rig: Rig | undefined;
afterEach(async () => { await rig?.dispose(); rig = undefined; });

/** Another market on FIL's clock: FIL's path from `shift` bars later, scaled to the market's price level. */
function shadowOf(fil: EmuCandle[], shift: number, scale: number): EmuCandle[] {
  return fil.slice(0, fil.length - shift).map((c, i) => {
    const s = fil[i + shift];
    return { time: c.time, open: s.open * scale, high: s.high * scale, low: s.low * scale, close: s.close * scale, volume: s.volume };
  });
}

const vetoes = (r: Rig) => (r.engine().store.db.prepare(
  "SELECT last_error AS reason FROM orders WHERE last_error LIKE 'risk veto:%'").all() as { reason: string }[]).map((v) => v.reason);

describe.skipIf(!hasSharedData)('many sessions on one account', () => {
  it('three sessions on a paper account: budgets honoured, a fourth that does not fit is refused, the per-strategy limit vetoes by name', async () => {
    const fil = filCandles(3_000);
    const r = (rig = await tradingRig(dir, 'three.db', { candles: fil, risk: { limits: { strategy: { maxNotional: 4_000 } }, breakers: { consecutiveLosses: { enabled: false } } } }));
    r.emulator.setSeries('BTC/USDT', shadowOf(fil, 700, 10_000), 600);
    r.emulator.setSeries('ETH/USDT', shadowOf(fil, 1_300, 500), 600);
    await r.open();
    await r.start({ mode: 'paper', cash: 10_000, budget: 3_000 });
    await r.start({ mode: 'paper', symbol: 'BTC/USDT', budget: 3_000 });
    await r.start({ mode: 'paper', symbol: 'ETH/USDT', strategy: 'rsi-revert', params: {}, budget: 3_000 });
    await expect(r.start({ mode: 'paper', strategy: 'ema-cross', budget: 2_000 })).rejects.toMatchObject({ code: 'BUDGET_TOO_LARGE', message: expect.stringMatching(/free 1,000/) });
    await expect(r.start({ mode: 'paper' })).rejects.toMatchObject({ code: 'SESSION_DUPLICATE' });
    const sessions = r.engine().desk.status().sessions;
    expect(sessions.map((s) => [s.request.symbol, s.budget])).toEqual([['FIL/USDT', 3_000], ['BTC/USDT', 3_000], ['ETH/USDT', 3_000]]);

    await r.bars(200);
    const entries = r.engine().store.db.prepare(`SELECT o.session_id AS session, o.symbol, o.filled * o.average_price AS notional
      FROM orders o WHERE o.account_id = 'paper:binance' AND o.role = 'entry' AND o.status = 'filled'`).all() as { session: number; symbol: string; notional: number }[];
    // Sessions 1 and 2 run the same strategy: while one holds its 3,000, the other's entry breaks the 4,000 cap.
    expect(new Set(entries.map((e) => e.session)).size).toBeGreaterThanOrEqual(2);
    for (const e of entries) expect(e.notional).toBeLessThanOrEqual(3_000 * 1.001);
    const strategyVetoes = vetoes(r).filter((v) => v.includes('strategy sma-cross would hold'));
    expect(strategyVetoes.length).toBeGreaterThan(0);
    expect(strategyVetoes[0]).toMatch(/> 4,000(\.00)? USDT limit/);
    // Every session's books add up to the account's: the venue's cash moved by exactly the sessions' cash moves.
    const account = r.engine().desk.account('paper:binance')!;
    const bySession = r.engine().desk.status().sessions.reduce((sum, s) => sum + (s.cash ?? 0) - s.budget, 0);
    expect((await account.broker.fetchBalance()).total - 10_000).toBeCloseTo(bySession, 6);
  }, 120_000);

  it('the open-order cap counts every resting order of the account and vetoes a session\'s entry by name', async () => {
    const r = (rig = await tradingRig(dir, 'cap.db', { risk: { limits: { maxOpenOrders: 2 } } }));
    await r.open();
    await r.start({ mode: 'paper', cash: 10_000 });
    const account = r.engine().desk.account('paper:binance')!;
    for (const n of [1, 2]) {
      await account.broker.createOrder({ clientOrderId: `resting:${n}`, symbol: 'FIL/USDT', side: 'buy', type: 'limit', amount: 10, price: 1, decisionTime: 0 });
    }
    await r.barsUntil(() => vetoes(r).length > 0);
    expect(vetoes(r)[0]).toBe('risk veto: open orders would be 3 > 2 limit');
    expect(r.engine().desk.status().sessions[0].position).toBeUndefined();
  });
});
