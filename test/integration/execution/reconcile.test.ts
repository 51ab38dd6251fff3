// Start-up reconciliation: what happened on the exchange while the app was down is recorded; unknowns block trading.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RiskError } from '../../../electron/engine/errors';
import { wireClientId } from '../../../electron/engine/execution/journal';
import { intent, liveRig, series, type LiveRig } from './helpers';

let rig: LiveRig;

beforeEach(async () => {
  rig = await liveRig({ series: { 'BTC/USDT': series(50, 60_000, { 5: 58_000 }) }, startIndex: 0 }, { recvWindow: 500 });
  await rig.broker.start();
});
afterEach(() => rig.close());

function alertsOf(r: Pick<LiveRig, 'db'>): { level: string; source: string; message: string; acknowledged_at: number | null }[] {
  return r.db.prepare('SELECT level, source, message, acknowledged_at FROM alerts ORDER BY id').all() as never;
}

describe('reconciliation at start', () => {
  it('records a fill that happened while the app was down and inserts the missing fills', async () => {
    const i = intent({ side: 'buy', type: 'limit', amount: 0.001, price: 59_000 });
    await rig.broker.createOrder(i);
    rig.emulator.advance(6);
    const next = rig.restart();
    const report = await next.broker.start();
    expect(next.broker.state).toBe('ready');
    expect(report.checkedOrders).toBe(1);
    expect(report.changes.map((c) => c.kind).sort()).toEqual(['fill-inserted', 'filled-while-down']);
    expect(next.journal.get(i.clientOrderId)).toMatchObject({ status: 'filled', filled: 0.001, averagePrice: 59_000 });
    expect(next.journal.fills()).toHaveLength(1);
    expect(report.balances.BTC.total).toBeCloseTo(1.000999, 9);
    expect(alertsOf(next)).toEqual([expect.objectContaining({ level: 'info', source: 'reconcile' })]);
  });

  it('records an order cancelled outside the app', async () => {
    const i = intent({ side: 'buy', type: 'limit', amount: 0.001, price: 50_000 });
    const placed = await rig.broker.createOrder(i);
    await rig.exchange.cancelOrder(placed.id, 'BTC/USDT');
    const next = rig.restart();
    const report = await next.broker.start();
    expect(report.changes).toEqual([expect.objectContaining({ kind: 'cancelled-while-down', clientOrderId: i.clientOrderId })]);
    expect(next.journal.get(i.clientOrderId)!.status).toBe('cancelled');
    expect(next.broker.state).toBe('ready');
  });

  it('an open order the journal does not know blocks trading with an alert until the trader acknowledges', async () => {
    await rig.exchange.createOrder('BTC/USDT', 'limit', 'sell', 0.001, 70_000, { clientOrderId: 'placed-by-hand' });
    const next = rig.restart();
    const report = await next.broker.start();
    expect(report.unresolved).toEqual([expect.objectContaining({ kind: 'unknown-open-order', symbol: 'BTC/USDT' })]);
    expect(next.broker.state).toBe('blocked');
    const attempt = next.broker.createOrder(intent({ side: 'buy', type: 'market', amount: 0.001 }));
    await expect(attempt).rejects.toBeInstanceOf(RiskError);
    await expect(attempt).rejects.toMatchObject({ code: 'TRADING_BLOCKED', message: expect.stringMatching(/unknown-open-order.*placed-by-hand/) });
    const critical = alertsOf(next).find((a) => a.level === 'critical')!;
    expect(critical).toMatchObject({ source: 'reconcile', acknowledged_at: null, message: expect.stringMatching(/Trading blocked/) });
    next.broker.acknowledge();
    expect(next.broker.state).toBe('ready');
    expect(alertsOf(next).find((a) => a.level === 'critical')!.acknowledged_at).not.toBeNull();
    await expect(next.broker.createOrder(intent({ side: 'buy', type: 'market', amount: 0.001 }))).resolves.toMatchObject({ status: 'filled' });
  });

  it('a pending entry the exchange never received is closed as never sent (after the recv window)', async () => {
    const i = intent({ side: 'buy', type: 'market', amount: 0.001 });
    rig.journal.recordIntent(i);
    const next = rig.restart();
    const report = await next.broker.start();
    expect(report.changes).toEqual([expect.objectContaining({ kind: 'never-sent', clientOrderId: i.clientOrderId })]);
    expect(next.journal.get(i.clientOrderId)!.status).toBe('rejected');
    expect(rig.emulator.orders).toHaveLength(0);
  });

  it('a pending entry the exchange did receive (crash before the answer) is adopted with its fills', async () => {
    const i = intent({ side: 'buy', type: 'market', amount: 0.001 });
    rig.journal.recordIntent(i);
    await rig.exchange.createOrder('BTC/USDT', 'market', 'buy', 0.001, undefined, { clientOrderId: wireClientId(i.clientOrderId) });
    const next = rig.restart();
    const report = await next.broker.start();
    expect(report.changes.map((c) => c.kind).sort()).toEqual(['fill-inserted', 'filled-while-down']);
    expect(next.journal.get(i.clientOrderId)).toMatchObject({ status: 'filled', exchangeOrderId: rig.emulator.orders[0].orderId.toString() });
    expect(next.journal.fills()).toHaveLength(1);
  });

  it('trades by orders Quorum did not place are reported as external (warning), not blocking', async () => {
    await rig.broker.createOrder(intent({ side: 'buy', type: 'limit', amount: 0.001, price: 50_000 }));
    await rig.exchange.createOrder('BTC/USDT', 'market', 'buy', 0.001, undefined, { clientOrderId: 'manual-1' });
    const next = rig.restart();
    const report = await next.broker.start();
    expect(report.changes).toEqual([expect.objectContaining({ kind: 'external-trade' })]);
    expect(next.broker.state).toBe('ready');
    expect(alertsOf(next)[0].level).toBe('warning');
  });

  it('a partial fill while down is recorded and the rest stays open', async () => {
    rig.emulator.faults.set({ kind: 'partialFill', fraction: 0.5, count: 1 });
    const i = intent({ side: 'buy', type: 'limit', amount: 0.002, price: 59_000 });
    await rig.broker.createOrder(i);
    rig.emulator.advance(6);
    const next = rig.restart();
    const report = await next.broker.start();
    expect(report.changes.map((c) => c.kind).sort()).toEqual(['fill-inserted', 'partially-filled-while-down']);
    expect(next.journal.get(i.clientOrderId)).toMatchObject({ status: 'partially-filled', filled: 0.001 });
  });
});
