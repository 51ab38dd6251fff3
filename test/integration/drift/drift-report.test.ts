// Drift reports on the exchange emulator (historical FIL/USDT candles, the desk's clock following them): a live run with
// 25 bps of slippage injected into every market order and one order rejected by the venue, and an undisturbed paper
// run, each replayed through the backtester by the assembled engine (the drift.report channel) and compared.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBacktest } from '../../../electron/engine/backtest/run-backtest';
import { CandleStore } from '../../../electron/engine/data/candle-store';
import { openStore } from '../../../electron/engine/store/database';
import { SqliteRecorder } from '../../../electron/engine/trading/sqlite-recorder';
import { quorum } from '../../support/cli';
import type { DriftReport } from '../../../shared/drift-contract';
import { hasSharedData } from '../../shared-data';
import { tempDir } from '../../support/temp';
import { tradingRig, type Rig } from '../../support/trading-rig';

const dir = tempDir();
const SLIPPAGE_BPS = 25;
/** The emulator rounds a slipped price to FIL's 0.001 tick: half a tick off at most, in bps of the price. */
const halfTickBps = (price: number): number => (0.0005 / price) * 10_000 + 1e-6;
// The loss-streak breaker would stop entries halfway (in the run and its replay alike): off, so both trade throughout.
const RISK = { breakers: { consecutiveLosses: { enabled: false } } };

const rigs: Rig[] = [];
let live: { report: DriftReport; rejectedId: string; rejectedDecision: number; runId: number } | undefined;
let paper: { report: DriftReport } | undefined;

async function report(r: Rig, runId: number): Promise<DriftReport> {
  const reply = await r.engine().dispatcher.dispatch('drift.report', { runId });
  if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  return reply.value as DriftReport;
}

beforeAll(async () => {
  if (!hasSharedData) return;
  const l = await tradingRig(dir, 'drift-live.db', { risk: RISK });
  rigs.push(l);
  const engine = await l.open();
  await l.armLive();
  l.emulator.setSlippageBps(SLIPPAGE_BPS);
  await l.start({ mode: 'live', budget: 5_000 });
  await l.bars(40);
  // The next order the desk sends is refused by the venue (as Binance refuses one it cannot cover).
  l.emulator.faults.set({ kind: 'reject', path: '/api/v3/order', method: 'POST', count: 1, code: -2010, msg: 'Account has insufficient balance for requested action.' });
  await l.barsUntil(() => l.emulator.faults.list().length === 0);
  await l.bars(60);
  const session = engine.desk.status().sessions[0];
  engine.desk.stop(session.id);
  const rejected = engine.store.db.prepare("SELECT client_order_id AS id FROM orders WHERE account_id = 'live:binance' AND status = 'rejected'").all() as { id: string }[];
  expect(rejected).toHaveLength(1);
  live = { report: await report(l, Number(session.runId)), runId: Number(session.runId), rejectedId: rejected[0].id, rejectedDecision: Number(rejected[0].id.split(':')[2]) };

  const p = await tradingRig(dir, 'drift-paper.db', { risk: RISK });
  rigs.push(p);
  const pe = await p.open();
  await p.start({ mode: 'paper', cash: 10_000, budget: 10_000 });
  await p.bars(150);
  const ps = pe.desk.status().sessions[0];
  pe.desk.stop(ps.id);
  paper = { report: await report(p, Number(ps.runId)) };
}, 180_000);

afterAll(async () => {
  for (const r of rigs) await r.dispose();
});

describe.skipIf(!hasSharedData)('drift report', () => {
  it('finds the injected slippage in every fill sent on its own bar, and the fees as modelled', () => {
    const r = live!.report;
    expect(r.run).toMatchObject({ kind: 'live', account: 'live:binance', symbol: 'FIL/USDT', strategy: 'sma-cross' });
    const onTime = r.fills.filter((f) => f.attempt === 1 && f.slippageBps !== null);
    expect(onTime.length).toBeGreaterThan(6);
    expect(r.slippageBps.count).toBe(onTime.length);
    for (const f of onTime) expect(Math.abs(f.slippageBps! - SLIPPAGE_BPS)).toBeLessThanOrEqual(halfTickBps(f.modelPrice!));
    const tick = Math.max(...onTime.map((f) => halfTickBps(f.modelPrice!)));
    expect(Math.abs(r.slippageBps.mean! - SLIPPAGE_BPS)).toBeLessThanOrEqual(tick);
    expect(Math.abs(r.slippageBps.median! - SLIPPAGE_BPS)).toBeLessThanOrEqual(tick);
    expect(r.slippageBps.worst!).toBeGreaterThanOrEqual(r.slippageBps.p90!);
    // Both sides pay it: buys above the model's close, sells below it.
    expect(new Set(onTime.map((f) => f.side))).toEqual(new Set(['buy', 'sell']));
    // The emulator's 0.1 % taker fee is the session's commission: 10 bps on both sides.
    expect(r.feeBps.run.mean!).toBeCloseTo(10, 6);
    expect(r.feeBps.model.mean!).toBeCloseTo(10, 6);
    // Every fill made the run poorer than its replay: the gap ends negative, about 25 bps of each fill's notional.
    const slipCost = r.fills.filter((f) => f.attempt === 1 && f.modelPrice !== null).reduce((s, f) => s + Math.abs(f.runPrice - f.modelPrice!) * f.runAmount, 0);
    expect(r.summary.finalGap!).toBeLessThan(-0.5 * slipCost);
  });

  it("finds the order the venue rejected, with the reason 'rejected order', and its retry on a later bar", () => {
    const r = live!.report;
    expect(r.rejected).toEqual([expect.objectContaining({ clientOrderId: live!.rejectedId, status: 'rejected', reason: 'rejected order', error: expect.stringMatching(/insufficient balance/i) })]);
    const at = r.decisions.find((d) => d.time === live!.rejectedDecision);
    expect(at).toMatchObject({ reason: 'rejected order', runTrades: '', detail: expect.stringContaining(live!.rejectedId) });
    expect(at!.replayTrades).not.toBe('');
    // The session tried again on a later bar: that fill carries the same decision, on a later bar, out of the statistics.
    const retry = r.fills.find((f) => f.decisionTime === live!.rejectedDecision && f.attempt > 1);
    expect(retry).toBeDefined();
    expect(retry!.sentTime).toBeGreaterThan(retry!.decisionTime);
    const later = r.decisions.find((d) => d.time === retry!.sentTime);
    expect(later).toMatchObject({ reason: 'rejected order', since: live!.rejectedDecision });
    expect(r.summary.byReason['rejected order']).toBeGreaterThanOrEqual(2);
    expect(r.summary.byReason.unexplained).toBe(0);
  });

  it('an undisturbed paper run matches its replay: no unexplained difference, no slippage, the same equity', () => {
    const r = paper!.report;
    expect(r.run).toMatchObject({ kind: 'paper', bars: 150 });
    expect(r.summary.barsCompared).toBe(150);
    expect(r.summary.byReason.unexplained).toBe(0);
    expect(r.summary.differing).toBe(0);
    expect(r.summary.pairedFills).toBe(r.summary.runFills);
    expect(r.summary.runFills).toBeGreaterThan(6);
    expect(r.modelOnly).toEqual([]);
    expect(r.slippageBps.count).toBe(r.summary.runFills);
    expect(Math.abs(r.slippageBps.worst!)).toBeLessThan(1e-9);
    expect(r.summary.pairedRunFees).toBeCloseTo(r.summary.pairedModelFees, 2);
    expect(Math.abs(r.summary.finalGapPct!)).toBeLessThan(0.05);
  });
});

// `quorum drift` on the live run's database once the app is closed: the same report as the channel's, as text, JSON and HTML.
describe.skipIf(!hasSharedData)('quorum drift', () => {
  it('prints the summary and the differing bars, writes self-contained HTML, and --json is the channel\'s report', async () => {
    for (const r of rigs) r.close();
    const db = rigs[0].dbPath;
    const html = join(dir, 'drift.html');
    const res = await quorum('drift', '--run', String(live!.runId), '--html', html, '--db', db);
    expect(res).toMatchObject({ code: 0, err: '' });
    expect(res.out).toContain(`Drift report: live run #${live!.runId} (finished) of session 1 on live:binance, FIL/USDT 1m sma-cross`);
    expect(res.out).toMatch(/Decisions: 2 of 101 bar\(s\) differ \(rejected order 2\)/);
    expect(res.out).toMatch(/Slippage vs the model \[bps, \+ = worse\]: mean \+2[56]\.\d\d/);
    expect(res.out).toContain(live!.rejectedId);
    expect(res.out).toContain(`Wrote the HTML report to ${html}`);
    expect(existsSync(html)).toBe(true);
    const page = readFileSync(html, 'utf8');
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('rejected order');
    expect(page.match(/<svg class="plot"/g)).toHaveLength(2);

    const json = await quorum('drift', '--run', String(live!.runId), '--json', '--db', db);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual(JSON.parse(JSON.stringify(live!.report)));
  });

  it('refuses a bad run id, an unknown run and a backtest with a message naming them', async () => {
    const db = rigs[1].dbPath;
    expect(await quorum('drift', '--run', 'abc', '--db', db)).toMatchObject({ code: 2, err: expect.stringContaining('--run must be a run id') });
    expect(await quorum('drift', '--db', db)).toMatchObject({ code: 2, err: expect.stringContaining('Missing required option --run') });
    expect(await quorum('drift', '--run', '999', '--db', db)).toMatchObject({ code: 1, err: expect.stringContaining('No run #999') });
    // A stored backtest on the same database has nothing to drift from.
    const { db: handle } = openStore(db);
    try {
      const series = new CandleStore(handle).load({ exchange: 'binance', symbol: 'FIL/USDT', timeframe: '1m' });
      const recorder = new SqliteRecorder(handle, { columns: true });
      await runBacktest({ series, symbol: 'FIL/USDT', strategy: 'sma-cross', params: { fast: 3, slow: 8 }, recorder });
      const { id } = handle.prepare("SELECT MAX(id) AS id FROM runs WHERE kind = 'backtest'").get() as { id: number };
      expect(await quorum('drift', '--run', String(id), '--db', db)).toMatchObject({ code: 1, err: expect.stringContaining('is a backtest') });
    } finally {
      handle.close();
    }
  });
});
