// The loop is broker-agnostic: driven like a live runner against an async stub venue, it sends what the backtest fills.
import { describe, expect, it } from 'vitest';
import { ExchangeError } from '../../../electron/engine/errors';
import { runBacktest } from '../../../electron/engine/backtest';
import type { Balance, Broker, BrokerListener } from '../../../electron/engine/execution/broker';
import type { Order, OrderIntent, Position } from '../../../electron/engine/model/order';
import { createStrategy } from '../../../electron/engine/strategies';
import { MemoryRecorder, parseSizing, TradingSession, type TradingSessionOptions } from '../../../electron/engine/trading';
import { WAVE_RUN, waveSeries } from './helpers';

/** An exchange stand-in: answers after a macrotask, fills every market order at the price it was told. */
class StubVenue implements Broker {
  readonly name = 'stub';
  readonly sent: OrderIntent[] = [];
  price = Number.NaN;
  private readonly listeners: BrokerListener[] = [];

  /** Set: every order is answered 'rejected' with this reason (a venue that refuses rather than throws). */
  rejectWith: string | undefined;

  async createOrder(intent: OrderIntent): Promise<Order> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.sent.push(intent);
    if (this.rejectWith !== undefined) {
      return { ...intent, id: `x${this.sent.length}`, status: 'rejected', rejectReason: this.rejectWith, filled: 0, averagePrice: Number.NaN, createdAt: 0, updatedAt: 0 };
    }
    const order: Order = { ...intent, id: `x${this.sent.length}`, status: 'filled', filled: intent.amount, averagePrice: this.price, createdAt: 0, updatedAt: 0 };
    const fill = { orderId: order.id, clientOrderId: intent.clientOrderId, symbol: intent.symbol, side: intent.side, time: intent.decisionTime, price: this.price, amount: intent.amount, fee: 0 };
    for (const l of this.listeners) l.filled(fill, order);
    return order;
  }
  async cancelOrder(): Promise<Order> {
    throw new Error('not used');
  }
  async cancelAllOrders(): Promise<Order[]> {
    return [];
  }
  async fetchOpenOrders(): Promise<Order[]> {
    return [];
  }
  async fetchBalance(): Promise<Balance> {
    return { currency: 'USDT', free: 0, used: 0, total: 0 };
  }
  async fetchPositions(): Promise<Position[]> {
    return [];
  }
  subscribe(listener: BrokerListener): () => void {
    this.listeners.push(listener);
    return () => undefined;
  }
}

const wave = waveSeries();

/** sma-cross(2, 3) on symbol X against `broker`, 1 unit a trade, recorded in memory; `fields` override. */
function sessionOn(broker: Broker, fields: Partial<TradingSessionOptions> = {}, cash = 10_000): TradingSession {
  return new TradingSession({
    symbol: 'X',
    source: createStrategy('sma-cross', { fast: 2, slow: 3 }),
    broker,
    sizer: parseSizing('fixed:1'),
    recorder: new MemoryRecorder(),
    run: { kind: 'paper', params: {}, startedAt: 0 },
    ...fields,
  }, cash);
}

describe('TradingSession', () => {
  it('driven bar by bar against an async venue, it sends exactly the orders the backtest fills', async () => {
    const venue = new StubVenue();
    const session = sessionOn(venue, { sizer: parseSizing('fixed:2'), allowShort: true });
    session.start(wave);
    for (let i = 0; i < wave.length; i++) {
      venue.price = wave.close[i];
      session.onBarClosed(i);
      await session.act(wave.close[i]);
    }
    const backtest = await runBacktest({
      ...WAVE_RUN,
      series: wave,
      fill: 'close',
    });
    const filled = (backtest.recorder as MemoryRecorder).fills;
    expect(venue.sent.map((o) => [o.clientOrderId, o.side, o.amount])).toEqual(
      filled.map((f) => [f.clientOrderId, f.side, f.amount]),
    );
    expect(session.portfolio.trades).toEqual(backtest.trades);
  });

  it('records hold decisions only when asked to (live audit trail)', () => {
    const recorder = new MemoryRecorder();
    const session = sessionOn(new StubVenue(), { recorder, run: { kind: 'live', params: {}, startedAt: 0 }, recordHolds: true }, 1000);
    session.start(wave);
    for (let i = 0; i < wave.length; i++) session.onBarClosed(i);
    expect(recorder.decisions).toHaveLength(wave.length);
    expect(session.decisions).toBe(wave.length);
  });

  it("a venue's rejection fails the send as an ExchangeError (ORDER_REJECTED) naming the order, with or without retries", async () => {
    for (const retrying of [false, true]) {
      const venue = new StubVenue();
      venue.rejectWith = 'insufficient balance';
      const failures: string[] = [];
      const session = sessionOn(venue, retrying ? { retry: { onFailure: ({ error }) => void failures.push(error) } } : {}, 1000);
      session.start(wave);
      let i = 0;
      while (!session.hasStaged) session.onBarClosed(i++);
      const sending = session.act(wave.close[i - 1]);
      if (retrying) {
        await sending;
        expect(failures).toEqual(['insufficient balance']);
        expect(session.hasPendingRetry).toBe(true);
      } else {
        const err = await Promise.resolve(sending).then(() => undefined, (e: unknown) => e);
        expect(err).toBeInstanceOf(ExchangeError);
        expect(err).toMatchObject({ code: 'ORDER_REJECTED', message: 'insufficient balance', details: { field: 'clientOrderId', value: venue.sent[0].clientOrderId } });
      }
    }
  });
});
