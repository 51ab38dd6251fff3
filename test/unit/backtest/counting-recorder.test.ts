// CountingRecorder counts each order once, however many updates it gets, while remembering only the orders still live.
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../../electron/engine/backtest';
import { CountingRecorder } from '../../../electron/engine/backtest/counting-recorder';
import type { Order, OrderStatus } from '../../../electron/engine/model/order';
import { DiscardingRecorder, type MemoryRecorder } from '../../../electron/engine/trading/recorder';
import { T0, WAVE_RUN, waveSeries } from './helpers';

function order(clientOrderId: string, status: OrderStatus): Order {
  return { clientOrderId, id: clientOrderId, symbol: 'X', side: 'buy', type: 'limit', amount: 1, price: 1, decisionTime: T0, status, filled: 0, averagePrice: Number.NaN, createdAt: T0, updatedAt: T0 };
}

describe('CountingRecorder', () => {
  it('counts an order once through open, partial fills and its end; one rejected at once counts once too', () => {
    const rec = new CountingRecorder(new DiscardingRecorder());
    const updates: [string, OrderStatus][] = [
      ['a', 'open'], ['b', 'open'], ['a', 'partially-filled'], ['c', 'rejected'], ['a', 'partially-filled'],
      ['b', 'cancelled'], ['a', 'filled'], ['d', 'pending'], ['d', 'open'], ['d', 'filled'],
    ];
    for (const [id, status] of updates) rec.orderUpdated(order(id, status));
    expect(rec.counts.orders).toBe(4);
  });

  it('on a reversing backtest, counts as many orders as the run recorded distinct ones', async () => {
    const r = await runBacktest({ ...WAVE_RUN, series: waveSeries() });
    const recorded = (r.recorder as MemoryRecorder).orders.size;
    expect(recorded).toBe(5);
    expect(r.orders).toBe(recorded);
  });
});
