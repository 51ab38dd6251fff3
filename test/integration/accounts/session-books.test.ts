// A session's books come from the venue: stop/start or a restart hands it back its own position, and the next exit
// signal sells exactly that. A rejected exit is retried on later bars until it goes through.
import { afterEach, describe, expect, it } from 'vitest';
import { hasSharedData } from '../../shared-data';
import { tempDir } from '../../support/temp';
import { tradingRig, type Rig } from '../../support/trading-rig';

const dir = tempDir();
let rig: Rig | undefined;
afterEach(async () => { await rig?.dispose(); rig = undefined; });

const position = (r: Rig) => r.engine().desk.status().sessions[0]?.position?.size ?? 0;
/** The journal's last sell of the account, as the exchange or paper venue filled it. */
const lastSell = (r: Rig, account: string) => r.engine().store.db.prepare(
  "SELECT amount, filled, role, session_id AS sessionId FROM orders WHERE account_id = ? AND side = 'sell' ORDER BY id DESC LIMIT 1").get(account);

/** The first candle request after a start fails once: the resume waits for the next poll. */
const KLINES_503 = { kind: 'serverError', path: '/api/v3/klines', count: 1 } as const;

/** A session holding a position, then the app closed; `whileClosed` happens before it opens again. */
async function holdThenReopen(name: string, mode: 'paper' | 'live', whileClosed: (r: Rig, held: number) => void) {
  const r = (rig = await tradingRig(dir, name));
  await r.open();
  if (mode === 'live') await r.armLive();
  await r.start({ mode, resumeOnStart: true, ...(mode === 'paper' ? { cash: 10_000 } : {}) });
  await r.barsUntil(() => position(r) > 0);
  const held = position(r);
  r.close();
  whileClosed(r, held);
  return { r, held, engine: await r.open() };
}

describe.skipIf(!hasSharedData)('session books from the venue', () => {
  it('paper: stop and start keeps the position, and the next exit signal sells exactly it', async () => {
    const r = (rig = await tradingRig(dir, 'paper-books.db'));
    await r.open();
    await r.start({ mode: 'paper', cash: 10_000 });
    const first = r.engine().desk.status().sessions[0];
    await r.barsUntil(() => position(r) > 0);
    const held = position(r);
    const cash = r.engine().desk.status().sessions[0].cash!;
    r.engine().desk.stop(first.id);
    await r.start({ mode: 'paper' });
    const again = r.engine().desk.status().sessions[0];
    expect(again).toMatchObject({ id: first.id, budget: first.budget, position: { size: held } });
    expect(again.cash).toBeCloseTo(cash, 9);
    await r.barsUntil(() => position(r) === 0);
    expect(lastSell(r, 'paper:binance')).toMatchObject({ amount: held, filled: held, role: 'exit', sessionId: first.id });
    // The paper account's balances are its starting cash plus its journal: a restart changes nothing.
    const balance = await r.engine().desk.account('paper:binance')!.broker.fetchBalance();
    expect(balance.total).not.toBe(10_000);
    const engine = await r.restart();
    expect(await engine.desk.account('paper:binance')!.broker.fetchBalance()).toEqual(balance);
  });

  it('an entry whose answer was lost is settled before any new entry: found on the exchange, adopted, never sent twice', async () => {
    const r = (rig = await tradingRig(dir, 'unknown.db'));
    await r.open();
    await r.armLive();
    // The first order is taken by the exchange but its reply is lost, and the lookups fail for a while.
    r.emulator.faults.set({ kind: 'drop', path: '/api/v3/order', method: 'POST', count: 1, phase: 'after' });
    r.emulator.faults.set({ kind: 'serverError', path: '/api/v3/order', method: 'GET', count: 12 });
    await r.start({ mode: 'live' });
    await r.barsUntil(() => position(r) > 0);
    const buys = r.emulator.orderRequests.filter((o) => o.params.side === 'BUY');
    expect(buys.map((o) => o.accepted)).toEqual([true]);
    expect(r.engine().store.db.prepare("SELECT status, role FROM orders WHERE account_id = 'live:binance'").all())
      .toEqual([{ status: 'filled', role: 'entry' }]);
    expect(r.alerts.some((a) => a.source === 'session:1' && /unknown|may or may not/i.test(a.message))).toBe(true);
  });

  it('paused entries: buy signals send nothing while exits still go out; resuming trades again (over the contract)', async () => {
    const r = (rig = await tradingRig(dir, 'pause.db'));
    const engine = await r.open();
    await r.start({ mode: 'paper', cash: 10_000 });
    const id = engine.desk.status().sessions[0].id;
    await r.barsUntil(() => position(r) > 0);
    expect(await engine.dispatcher.dispatch('session.pause', { id })).toMatchObject({ ok: true, value: { sessions: [{ id, status: 'paused' }] } });
    await r.barsUntil(() => position(r) === 0);
    const entries = () => (engine.store.db.prepare("SELECT COUNT(*) AS n FROM orders WHERE account_id = 'paper:binance' AND role = 'entry'").get() as { n: number }).n;
    const before = entries();
    const buys = () => (engine.store.db.prepare("SELECT COUNT(*) AS n FROM decisions WHERE action = 'buy'").get() as { n: number }).n;
    const buysBefore = buys();
    await r.barsUntil(() => buys() > buysBefore + 1);
    expect(entries()).toBe(before);
    expect(await engine.dispatcher.dispatch('session.resume', { id })).toMatchObject({ ok: true, value: { sessions: [{ id, status: 'running' }] } });
    await r.barsUntil(() => entries() > before);
    expect(await engine.dispatcher.dispatch('session.stop', { id })).toMatchObject({ ok: true, value: { running: false, sessions: [] } });
    expect(engine.desk.sessions.get(id)).toMatchObject({ status: 'stopped', stopReason: 'stopped by the trader' });
  });

  it('says why acting decisions sent nothing when the size is below the market\'s minimum', async () => {
    const r = (rig = await tradingRig(dir, 'skipped.db'));
    await r.open();
    await r.start({ mode: 'paper', cash: 10_000, sizing: 'fixed:0.001' });
    await r.barsUntil(() => (r.engine().desk.status().sessions[0].skippedEntries?.length ?? 0) > 0);
    const [skipped] = r.engine().desk.status().sessions[0].skippedEntries!;
    expect(skipped.reason).toMatch(/fixed:0\.001.*(minimum|min|step)/);
    expect(r.engine().store.db.prepare("SELECT COUNT(*) AS n FROM orders WHERE account_id = 'paper:binance'").get()).toEqual({ n: 0 });
  });

  it('the panel\'s RiskAudit judges paper bars by the account\'s real risk state', async () => {
    const r = (rig = await tradingRig(dir, 'audit.db'));
    const engine = await r.open();
    await r.start({ mode: 'paper', cash: 10_000, strategy: 'panel', params: {} });
    await r.bars(3);
    const audit = () => engine.desk.status().sessions[0].lastDecision!.votes.find((v) => v.agent === 'RiskAudit')!;
    expect(audit().reasons[0]).toMatch(/data fresh, limits clear/);
    // Trip the account's error-rate breaker: the next vote names it instead of "limits clear".
    const risk = engine.desk.account('paper:binance')!.risk;
    for (let i = 0; i < 20; i++) risk.onExchangeCall(false, r.emulator.currentCandle('FIL/USDT').time);
    await r.bars(1);
    expect(audit().reasons.join('; ')).toMatch(/circuit breaker tripped: exchange-errors/);
    expect(engine.desk.status().sessions[0].lastDecision!.veto).toMatch(/circuit breaker tripped/);
  });

  it('live: a restart resumes the session holding its position; the exit sells what the wallet got', async () => {
    const r = (rig = await tradingRig(dir, 'live-books.db'));
    await r.open();
    await r.armLive();
    await r.start({ mode: 'live', resumeOnStart: true });
    await r.barsUntil(() => position(r) > 0);
    const held = position(r);
    await r.restart();
    expect(r.engine().desk.status().sessions[0]).toMatchObject({ status: 'running', position: { size: held } });
    await r.barsUntil(() => position(r) < 0.01);
    expect(lastSell(r, 'live:binance')).toMatchObject({ amount: Math.floor(held * 100) / 100, role: 'exit' });
    expect(r.emulator.balances().FIL.free).toBeCloseTo(5_000, 1);
  });

  it('live: coins Quorum bought that were sold outside it while it was closed are reported once at start', async () => {
    // The trader's own 5,000 FIL and most of Quorum's were sold on the exchange's site while the app was closed.
    const { r, held } = await holdThenReopen('live-sold-outside.db', 'live', (x, h) => x.emulator.setBalance('FIL', h / 4));
    const warned = () => r.alerts.filter((a) => a.level === 'critical' && /FIL\/USDT: Quorum's books hold .* but the wallet has/.test(a.message));
    expect(warned()).toHaveLength(1);
    expect(warned()[0].message).toContain(`${held / 4} FIL`);
    await r.bars(3); // later balance reads say nothing new
    expect(warned()).toHaveLength(1);
  });

  it('live: the trader selling only their own coins is not reported', async () => {
    // The 5,000 of their own are gone, Quorum's coins are all there.
    const { r } = await holdThenReopen('live-own-coins.db', 'live', (x, h) => x.emulator.setBalance('FIL', h));
    await r.bars(2);
    expect(r.alerts.filter((a) => /but the wallet has/.test(a.message))).toEqual([]);
  });

  it('a transient error while resuming at start leaves the session waiting, not stopped: the next poll brings it back', async () => {
    const { r, held, engine } = await holdThenReopen('resume-retry.db', 'paper', (x) => x.emulator.faults.set(KLINES_503));
    expect(engine.desk.status().sessions).toEqual([]);
    expect(engine.desk.sessions.get(1)).toMatchObject({ status: 'running', resumeOnStart: true });
    expect(r.alerts.some((a) => a.source === 'session:1' && /could not resume yet/.test(a.message))).toBe(true);
    await r.bars(1);
    expect(engine.desk.status().sessions[0]).toMatchObject({ id: 1, position: { size: held } });
  });

  it('starting a session whose twin still waits to resume reopens that row: one session, its books kept', async () => {
    const { r, held, engine } = await holdThenReopen('resume-twin.db', 'paper', (x) => x.emulator.faults.set(KLINES_503));
    expect(engine.desk.status().sessions).toEqual([]);
    await r.start({ mode: 'paper' });
    expect(engine.desk.status().sessions).toEqual([expect.objectContaining({ id: 1, status: 'running', position: { size: held, entryPrice: expect.any(Number) } })]);
    await r.bars(2); // the retry poll finds nothing left to resume
    expect(engine.store.db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 1 });
    expect(engine.desk.status().sessions.map((x) => x.id)).toEqual([1]);
  });

  it('an exit rejected twice is retried on later bars and closes the position; alerts raised, error breaker fed', async () => {
    const risk = { breakers: { exchangeErrors: { minCalls: 2, maxErrorRatePct: 1, windowMs: 3_600_000, cooldownMs: 86_400_000 } } };
    const r = (rig = await tradingRig(dir, 'retry.db', { risk }));
    await r.open();
    await r.armLive();
    // Slow averages: after the exit signal the next bars hold, so the failed exit is what runs again.
    await r.start({ mode: 'live', params: { fast: 5, slow: 20 } });
    await r.barsUntil(() => position(r) > 0);
    const sent = () => r.emulator.requestLog.filter((q) => q.method === 'POST' && q.path === '/api/v3/order');
    const before = sent().length;
    r.emulator.faults.set({ kind: 'reject', path: '/api/v3/order', method: 'POST', count: 2, code: -1013, msg: 'Filter failure: MARKET_LOT_SIZE' });
    const bars = await r.barsUntil(() => position(r) < 0.01);
    // Rejected before the matching engine saw them (HTTP 400), then accepted: three requests, one order.
    expect(sent().slice(before).map((q) => q.outcome)).toEqual([400, 400, 200]);
    expect(bars).toBeGreaterThanOrEqual(3);
    expect(r.emulator.balances().FIL.free).toBeCloseTo(5_000, 1);
    const failures = r.alerts.filter((a) => a.source.startsWith('session:')).map((a) => a.message);
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatch(/attempt 1, 1 in a row.*MARKET_LOT_SIZE/);
    expect(failures[1]).toMatch(/attempt 2, 2 in a row.*MARKET_LOT_SIZE/);
    // The accepted exit is the same decision's third attempt, under a fresh client id.
    expect(r.engine().store.db.prepare("SELECT client_order_id AS id FROM orders WHERE account_id = 'live:binance' AND status = 'filled' ORDER BY id DESC LIMIT 1").get())
      .toMatchObject({ id: expect.stringMatching(/:0:r3$/) });
    const breaker = r.engine().safety.state().breakers.find((b) => b.name === 'exchange-errors');
    expect(breaker).toMatchObject({ isTripped: true, account: 'live:binance' });
  });
});
