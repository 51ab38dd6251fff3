// A risk limit changed while a paper session runs, through the contract as the Settings page saves it: the session's
// next entry is refused by the account's risk manager (nothing fills), the decision carries the reason (in the store
// and in the desk's view of the session), one alert tells the trader per kind of refusal, and raising the limit again
// lets the next entry fill.
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp';
import { tradingRig, type Rig } from '../../support/trading-rig';
import { waveCandles } from '../../support/wave';

const dir = tempDir();
let rig: Rig | undefined;
afterEach(async () => { await rig?.dispose(); rig = undefined; });


describe('a risk limit lowered while a session runs', () => {
  it('refuses the next entry with the reason on the decision and one alert, and trades again once raised', async () => {
    const r = (rig = await tradingRig(dir, 'refusal.db', { candles: waveCandles(2_000), startIndex: 600 }));
    const engine = await r.open();
    const id = (await r.start({ mode: 'paper', cash: 10_000 })).sessions[0].id;
    const db = engine.store.db;
    const entryFills = () => db.prepare("SELECT COUNT(*) FROM fills f JOIN orders o ON o.id = f.order_id WHERE o.session_id = ? AND o.role = 'entry'").pluck().get(id) as number;
    const refusals = () => r.alerts.filter((a) => a.source === `session:${id}` && /refused/.test(a.message));
    const setLimit = async (maxOrderNotional: number) => {
      const reply = await engine.dispatcher.dispatch('settings.update', { risk: { limits: { maxOrderNotional } } });
      expect(reply).toMatchObject({ ok: true, value: { risk: { limits: { maxOrderNotional } } } });
    };

    // At the default limits (50,000 per order) the session's budget of 2,500 buys.
    await r.barsUntil(() => entryFills() === 1);
    await setLimit(1_000);
    await r.barsUntil(() => refusals().length === 1);
    expect(entryFills()).toBe(1);
    const [alert] = refusals();
    expect(alert.level).toBe('warning');
    expect(alert.message).toMatch(/^Session \d+ \(FIL\/USDT sma-cross\): the risk manager refused the buy of [\d.]+ FIL\/USDT: order FIL\/USDT notional [\d,.]+ USDT > 1,000\.00 USDT limit$/);
    // The desk's view of the session shows the refused decision with its reason; the store has the same.
    const view = engine.desk.status().sessions[0];
    expect(view.lastDecision).toMatchObject({ action: 'buy', veto: expect.stringMatching(/> 1,000\.00 USDT limit$/) });
    const stored = db.prepare('SELECT action, veto FROM decisions WHERE run_id = ? AND time = ?').get(Number(view.runId), view.lastDecision!.time);
    expect(stored).toEqual({ action: 'buy', veto: view.lastDecision!.veto });
    expect(db.prepare("SELECT status, last_error AS lastError FROM orders WHERE run_id = ? AND status = 'rejected'").all(Number(view.runId)))
      .toEqual([{ status: 'rejected', lastError: `risk veto: ${view.lastDecision!.veto}` }]);
    // The Desk's Orders tab lists it beside the orders the venue saw: under the account and the session, as an entry.
    const reply = await engine.dispatcher.dispatch('desk.orders', { limit: 50 });
    expect(reply.ok).toBe(true);
    const listed = reply.ok ? (reply.value as { status: string; sessionId: number | null; account: string; role: string | null; lastError: string | null }[]) : [];
    expect(listed.filter((o) => o.status === 'rejected')).toEqual([
      expect.objectContaining({ sessionId: id, account: view.account, role: 'entry', lastError: `risk veto: ${view.lastDecision!.veto}` }),
    ]);
    expect(listed.filter((o) => o.status === 'filled' && o.role === 'entry')).toEqual([expect.objectContaining({ sessionId: id, account: view.account })]);

    // The strategy asks again on its next cross: refused again, stored again, but no second alert of the same kind.
    const vetoed = () => db.prepare("SELECT COUNT(*) FROM orders WHERE run_id = ? AND status = 'rejected'").pluck().get(Number(view.runId)) as number;
    await r.barsUntil(() => vetoed() === 2);
    expect(refusals()).toHaveLength(1);
    expect(entryFills()).toBe(1);

    await setLimit(50_000);
    await r.barsUntil(() => entryFills() === 2);
    expect(refusals()).toHaveLength(1);
  });
});
