// The kill-switch executor on the emulator: halt cancels all open orders at once; flatten also closes positions.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KillSwitchExecutor, type KillReport } from '../../../electron/engine/execution/kill-switch-executor';
import { KillSwitch } from '../../../electron/engine/risk/kill-switch';
import { intent, liveRig, series, type LiveRig } from './helpers';

let rig: LiveRig;

beforeEach(async () => {
  rig = await liveRig({ series: { 'BTC/USDT': series(50, 60_000), 'ETH/USDT': series(50, 3_000) }, startIndex: 0 }, {},
    { symbols: ['BTC/USDT', 'ETH/USDT'] });
  await rig.broker.start();
});
afterEach(() => rig.close());

async function restingOrders(count: number): Promise<void> {
  await Promise.all(Array.from({ length: count }, (_, k) =>
    rig.broker.createOrder(intent({ side: 'buy', type: 'limit', amount: 0.001, price: 50_000 + k * 10 }))));
}

function trip(executor: KillSwitchExecutor, mode: 'halt' | 'flatten' | 'stop-entries'): Promise<KillReport> {
  return executor.execute({ mode, reason: 'test', source: 'ui', time: 1_700_000_000_000 });
}

describe('kill-switch executor', () => {
  it('halt cancels all 50 open orders of a market in one request (the exchange\'s batch cancel)', async () => {
    await restingOrders(50);
    expect(rig.emulator.orders.filter((o) => o.status === 'NEW')).toHaveLength(50);
    // With 100 ms on every cancel, one-by-one would take 5 s; one cancel-all takes one round trip.
    rig.emulator.faults.set({ kind: 'latency', ms: 100, path: /^\/api\/v3\/(order|openOrders)$/, method: 'DELETE' });
    const started = Date.now();
    const report = await trip(new KillSwitchExecutor(rig.broker), 'halt');
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(report.cancelled).toHaveLength(50);
    expect(report.failures).toEqual([]);
    expect(report.leftOpen).toEqual([]);
    expect(rig.emulator.orders.filter((o) => o.status === 'NEW')).toHaveLength(0);
    expect(rig.emulator.counters()['DELETE /api/v3/openOrders']).toBe(1);
    expect(rig.emulator.counters()['DELETE /api/v3/order'] ?? 0).toBe(0);
    expect(rig.journal.openEntries()).toEqual([]);
  });

  it('halt falls back to concurrent single cancels when the batch cancel fails', async () => {
    await restingOrders(20);
    rig.emulator.faults.set({ kind: 'serverError', status: 503, path: '/api/v3/openOrders', method: 'DELETE', count: 10 });
    const report = await trip(new KillSwitchExecutor(rig.broker), 'halt');
    expect(report.cancelled).toHaveLength(20);
    expect(report.leftOpen).toEqual([]);
    expect(rig.emulator.counters()['DELETE /api/v3/order']).toBe(20);
    expect(rig.emulator.orders.filter((o) => o.status === 'NEW')).toHaveLength(0);
  });

  it('halt also cancels orders only the exchange knows, and works while trading is blocked', async () => {
    await restingOrders(3);
    await rig.exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 49_000, { clientOrderId: 'by-hand' });
    rig.broker.block('test block');
    const report = await trip(new KillSwitchExecutor(rig.broker), 'halt');
    expect(report.cancelled).toHaveLength(4);
    expect(rig.emulator.orders.filter((o) => o.status === 'NEW')).toHaveLength(0);
  });

  it('flatten cancels, then closes every position at market (reduce-only, capped at the position)', async () => {
    await rig.broker.createOrder(intent({ side: 'buy', type: 'market', amount: 0.01 }));
    await rig.broker.createOrder(intent({ symbol: 'ETH/USDT', side: 'buy', type: 'market', amount: 0.1 }));
    await restingOrders(3);
    rig.broker.block('flatten must still go through');
    const report = await trip(new KillSwitchExecutor(rig.broker), 'flatten');
    expect(report.cancelled).toHaveLength(3);
    expect(report.closing.map((o) => [o.symbol, o.side, o.status, o.reduceOnly]).sort()).toEqual([
      ['BTC/USDT', 'sell', 'filled', true], ['ETH/USDT', 'sell', 'filled', true],
    ]);
    expect(await rig.broker.fetchPositions()).toEqual([]);
    const sells = rig.emulator.orders.filter((o) => o.side === 'SELL');
    expect(sells.map((o) => [o.symbol, o.type, o.origQty])).toEqual([['BTCUSDT', 'MARKET', 0.00999], ['ETHUSDT', 'MARKET', 0.0999]]);
  });

  it('acts on the risk module\'s kill switch; stop-entries sends nothing', async () => {
    await restingOrders(2);
    const killSwitch = new KillSwitch(rig.db);
    const executor = new KillSwitchExecutor(rig.broker, { alerts: rig.alerts });
    const reports: KillReport[] = [];
    const done = new Promise<void>((resolve) => executor.attach(killSwitch, (r) => { reports.push(r); if (r.trigger.mode === 'halt') resolve(); }));
    killSwitch.trip('stop-entries', 'watching', 'ui');
    killSwitch.trip('halt', 'drawdown', 'breaker');
    await done;
    expect(reports.map((r) => [r.trigger.mode, r.cancelled.length])).toEqual([['stop-entries', 0], ['halt', 2]]);
    const alert = rig.db.prepare("SELECT level, message FROM alerts WHERE source = 'kill-switch' ORDER BY id DESC").get() as { message: string };
    expect(alert.message).toMatch(/Kill switch halt \(drawdown\): 2 order\(s\) cancelled/);
  });

  it('after a restart, a latched flatten runs again and places no second closing order', async () => {
    await rig.broker.createOrder(intent({ side: 'buy', type: 'market', amount: 0.01 }));
    const killSwitch = new KillSwitch(rig.db);
    const executor = new KillSwitchExecutor(rig.broker);
    const first = new Promise<KillReport>((resolve) => executor.attach(killSwitch, resolve));
    killSwitch.trip('flatten', 'manual', 'ui');
    expect((await first).closing).toHaveLength(1);
    const sellsBefore = rig.emulator.orders.filter((o) => o.side === 'SELL').length;
    const again = await new KillSwitchExecutor(rig.broker).resume(new KillSwitch(rig.db).state());
    expect(again?.trigger.mode).toBe('flatten');
    expect(rig.emulator.orders.filter((o) => o.side === 'SELL')).toHaveLength(sellsBefore);
    expect(new KillSwitchExecutor(rig.broker).resume({ isTripped: false })).toBeUndefined();
  });
});
