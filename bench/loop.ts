// The trading loop's latency through the engine as the app assembles it: a closed bar arriving from the feed → the
// strategy's decision → the order on the wire, in a paper and a live session on the Binance emulator.
// Run: npm run bench:loop  (prints figures only; goal: p99 < 20 ms from closed bar to order on the wire, network excluded)
//
// Per bar the bench publishes one candle on the emulator and steps the desk (engine.desk.step(), as the engine's poll
// timer does). Everything is on one sub-millisecond clock (performance.now(); the emulator runs in this process):
//   bar      = ccxt's klines call for the session's feed has returned the closed bar (response received and parsed);
//   decision = the session's decision is published (engine event 'decision.made'), every bar;
//   order    = live: the emulator's HTTP server receives POST /api/v3/order; paper (no wire): the paper venue hands the
//              order to its simulator (SimBroker.submit). Only bars that send an order count.
// "network excluded" subtracts, from bar → order, the exchange round trips made in between (client-side duration of
// each ccxt call: e.g. the ticker read that prices a market order); the order's own trip ends at the emulator's
// receive time, and the klines trip ended before the bar's clock starts. ccxt's client-side rate-limiter waits are
// not network: they stay in, and are shown on their own line.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert, Decision } from '../shared/domain';
import type { SessionRequest } from '../electron/engine/accounts/session-request';
import type { Engine } from '../electron/engine/engine';
import { SimBroker } from '../electron/engine/execution/sim-broker';
import type { OrderIntent } from '../electron/engine/model/order';
import { BinanceEmulator } from '../test/emulator';
import { clock, emulatorArrivals, engineRig, stats, statsLine, wireLog, type WireCall, covered, gcLog } from './engine-rig';

const BARS = Number(process.env.BENCH_BARS ?? 200);
const WARMUP_BARS = 5;
const GOAL_MS = 20;

interface Combo {
  mode: 'paper' | 'live';
  strategy: 'panel' | 'sma-cross';
  /** Tuned so that orders are frequent on the emulator's random walk (these bars are what the order figures count). */
  params: Record<string, number>;
}

/**
 * The app's panel settings (defaults) with a fast RSI, lowered thresholds and less weight on the slow trend cases, so
 * the panel changes its mind every few bars. Every agent still runs on every bar: the decision costs what it costs.
 */
const PANEL_PARAMS = {
  'thresholds.enterLong': 0.05, 'thresholds.exitLong': 0, 'thresholds.minConfidence': 0,
  'quant.rsiPeriod': 2, 'weights.agents.Bull': 0.2, 'weights.agents.Bear': 0.2,
};

const COMBOS: Combo[] = [
  { mode: 'paper', strategy: 'panel', params: PANEL_PARAMS },
  { mode: 'paper', strategy: 'sma-cross', params: { fast: 2, slow: 3 } },
  { mode: 'live', strategy: 'panel', params: PANEL_PARAMS },
  { mode: 'live', strategy: 'sma-cross', params: { fast: 2, slow: 3 } },
];

interface BarTiming {
  decision: number;
  order?: number;
  /** bar → order minus the exchange round trips in between. */
  orderNet?: number;
  /** Time in ccxt's rate limiter between bar and order. */
  throttled?: number;
  /** bar → order minus round trips and rate-limiter waits: the engine's own work. */
  orderCompute?: number;
  /** Garbage-collection pauses between bar and order, on the wall clock (they may overlap network waits; the emulator shares the heap). */
  gc?: number;
  action: string;
}

const load0 = loadavg()[0];
const dir = mkdtempSync(join(tmpdir(), 'quorum-bench-loop-'));
// Commission in the quote asset: with Binance's rule (base asset on buys) a round trip leaves fee dust in FIL, which the
// session hands to the panel as its position, so the panel answers hold/exit instead of buy and stops trading live.
const emulator = await BinanceEmulator.start({
  syntheticLength: 1_300 + (BARS + WARMUP_BARS) * COMBOS.length, startIndex: 1_200, balances: { USDT: 1e7, BTC: 10, ETH: 100, FIL: 1e6 },
  commission: { takerRate: 0.001, makerRate: 0.001, asset: 'quote' },
});
// The engine's clock follows the emulator's feed: the current candle has just closed (as the desk tests run it).
const now = (): number => emulator.currentCandle('FIL/USDT').time + 60_001;
const rig = await engineRig({ emulator, now });
const wire = wireLog();
const gc = gcLog();
const arrivals = emulatorArrivals(emulator);
const engine: Engine = await rig.open(join(dir, 'loop.db'));
// Random-walk trading loses on fees: the loss breakers would stop entries half-way and leave too few orders to time.
engine.updateSettings({ risk: { breakers: { consecutiveLosses: { enabled: false }, dailyLoss: { enabled: false }, maxDrawdown: { enabled: false } } } });
await engine.arming.arm('binance', 'ARM LIVE');

// Paper has no wire: the order is "out" when the paper venue hands it to its simulator (PaperBroker.createOrder, after
// the ticker read that prices it). SimBroker.submit is wrapped for the time; only the paper venue uses one here.
const paperSubmits: { time: number; decisionTime: number }[] = [];
const submit = SimBroker.prototype.submit;
SimBroker.prototype.submit = function (this: SimBroker, intent: OrderIntent) {
  paperSubmits.push({ time: clock(), decisionTime: intent.decisionTime });
  return submit.call(this, intent);
};

let lastDecision: { at: number; decision: Decision } | undefined;
const takeDecision = (): typeof lastDecision => {
  const d = lastDecision;
  lastDecision = undefined;
  return d;
};
/** Breaker trips by "breaker on account" (they would veto entries; the bench reports them so a thin order count is explained). */
let breakerTrips = new Map<string, number>();
engine.events.subscribe((event, payload) => {
  if (event === 'decision.made') lastDecision = { at: clock(), decision: payload as Decision };
  const alert = payload as Alert;
  if (event === 'alert.raised' && alert.source.startsWith('breaker:') && alert.level === 'critical') {
    const key = /Circuit breaker (\S+ on \S+) tripped/.exec(alert.message)?.[1] ?? alert.source;
    breakerTrips.set(key, (breakerTrips.get(key) ?? 0) + 1);
  }
});

async function runCombo(combo: Combo): Promise<{ timings: BarTiming[]; trips: string }> {
  const request: SessionRequest = { account: 'binance', mode: combo.mode, symbol: 'FIL/USDT', timeframe: '1m', strategy: combo.strategy,
    params: combo.params, budget: 1_000 };
  await engine.desk.start(request);
  breakerTrips = new Map();
  const out: BarTiming[] = [];
  for (let bar = 0; bar < BARS + WARMUP_BARS; bar++) {
    emulator.advance(1);
    wire.clear();
    arrivals.clear();
    gc.clear();
    takeDecision();
    paperSubmits.length = 0;
    await engine.desk.step();
    const klines = wire.calls.filter((c) => c.path === '/api/v3/klines');
    const decided = takeDecision();
    if (klines.length !== 1 || !decided) throw new Error(`bench: bar ${bar}: ${klines.length} klines call(s), decision ${decided ? 'made' : 'missing'}`);
    const t = klines[0].end;
    const d = decided.decision;
    const timing: BarTiming = { decision: decided.at - t, action: d.veto ? `${d.action} (veto: ${d.veto.split(/[:(]/)[0].trim()})` : d.action };
    const orderAt = combo.mode === 'live'
      ? arrivals.list.find((a) => a.method === 'POST' && a.path === '/api/v3/order' && a.time > t)?.time
      : paperSubmits.find((o) => o.time > t && o.decisionTime === d.time)?.time;
    if (orderAt !== undefined) {
      const between: WireCall[] = wire.calls.filter((c) => c.start >= t && c.end <= orderAt);
      const network = covered(between, t, orderAt);
      const throttled = covered(wire.waits, t, orderAt);
      // GC entries arrive after the pause; stepping once more lets the observer deliver them.
      await new Promise((r) => setImmediate(r));
      Object.assign(timing, { order: orderAt - t, orderNet: orderAt - t - network, throttled, orderCompute: orderAt - t - network - throttled,
        gc: covered(gc.pauses, t, orderAt) });
    }
    if (bar >= WARMUP_BARS) out.push(timing);
  }
  engine.desk.stopAll('bench done');
  return { timings: out, trips: [...breakerTrips].map(([k, n]) => `${k} ×${n}`).join(', ') || 'none' };
}

const results: [Combo, { timings: BarTiming[]; trips: string }][] = [];
for (const combo of COMBOS) results.push([combo, await runCombo(combo)]);
const liveOrders = emulator.orderRequests.filter((r) => r.accepted).length;
const rejected = emulator.orderRequests.length - liveOrders;
engine.close();
await emulator.close();
rmSync(dir, { recursive: true, force: true });

console.log(`trading loop: closed bar → decision → order, ${BARS} bars per session after ${WARMUP_BARS} warm-up, FIL/USDT 1m on the emulator (synthetic walk)`);
console.log(`machine: ${cpus().length} CPUs, load average ${load0.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end; live orders accepted by the emulator ${liveOrders}, refused ${rejected}`);
const verdicts: string[] = [];
const computeVerdicts: string[] = [];
let allMet = true;
for (const [combo, { timings, trips }] of results) {
  const withOrder = timings.filter((t) => t.order !== undefined);
  const actions = timings.reduce<Record<string, number>>((acc, t) => ({ ...acc, [t.action]: (acc[t.action] ?? 0) + 1 }), {});
  console.log(`${combo.mode} ${combo.strategy} ${JSON.stringify(combo.params)}`);
  console.log(`  ${timings.length} bars, ${withOrder.length} with an order; decisions ${JSON.stringify(actions)}; breaker trips meanwhile: ${trips}`);
  console.log(statsLine('  bar → decision (every bar)', timings.map((t) => t.decision)));
  console.log(statsLine(`  bar → order ${combo.mode === 'live' ? 'at the emulator' : 'accepted by paper venue'} (wall)`, withOrder.map((t) => t.order!)));
  console.log(statsLine('  bar → order, network excluded', withOrder.map((t) => t.orderNet!)));
  console.log(statsLine('    of which ccxt rate-limiter wait', withOrder.map((t) => t.throttled!)));
  console.log(statsLine('  bar → order, network and rate limiter excl.', withOrder.map((t) => t.orderCompute!)));
  console.log(statsLine('    GC pauses meanwhile (wall clock)', withOrder.map((t) => t.gc!)));
  const slowest = [...withOrder].sort((a, b) => b.orderNet! - a.orderNet!).slice(0, 3);
  console.log(`  slowest bars (network excluded / GC pauses meanwhile): ${slowest.map((t) => `${t.orderNet!.toFixed(1)}/${t.gc!.toFixed(1)} ms`).join(', ')}`);
  const p99 = stats(withOrder.map((t) => t.orderNet!)).p99;
  const computeP99 = stats(withOrder.map((t) => t.orderCompute!)).p99;
  computeVerdicts.push(`${combo.mode}/${combo.strategy} p99 ${computeP99.toFixed(1)} ms ${withOrder.length > 0 && computeP99 < GOAL_MS ? '< ' : '≥ '}${GOAL_MS} ms`);
  const met = withOrder.length > 0 && p99 < GOAL_MS;
  allMet &&= met;
  verdicts.push(`${combo.mode}/${combo.strategy} ${p99.toFixed(1)} ms ${met ? 'met' : 'NOT met'}`);
}
console.log(`goal p99 < ${GOAL_MS} ms closed bar → order on the wire (network excluded): ${allMet ? 'met' : 'NOT met'} — ${verdicts.join('; ')}`);
console.log(`  the engine's own work (network and ccxt rate-limiter waits excluded): ${computeVerdicts.join('; ')}`);
