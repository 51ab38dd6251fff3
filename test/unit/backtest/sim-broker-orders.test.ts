// The sim venue's order types: market, limit, stop-market, stop-limit; rejections; the ccxt-style queries.
import { describe, expect, it } from 'vitest';
import { bar, intent, runBar, watchedBroker } from './helpers';

describe('SimBroker market orders', () => {
  it('fill at the open when sent after barOpened, and at the close when sent after barClosed', () => {
    const { broker, fills } = watchedBroker();
    const b = bar(0, 100, 110, 90, 105);
    broker.barOpened('X', b);
    broker.submit(intent({ side: 'buy', type: 'market', amount: 1 }));
    broker.barTraded('X', b);
    broker.barClosed('X', b);
    broker.submit(intent({ side: 'sell', type: 'market', amount: 1 }));
    expect(fills.map((f) => [f.side, f.price, f.time])).toEqual([
      ['buy', 100, b.time],
      ['sell', 105, b.time],
    ]);
  });

  it('are rejected before the venue has seen a price', () => {
    const { broker } = watchedBroker();
    const o = broker.submit(intent({ side: 'buy', type: 'market', amount: 1 }));
    expect(o.status).toBe('rejected');
    expect(o.rejectReason).toMatch(/no market price/);
  });

  it('book cash and an average-priced position', async () => {
    const { broker } = watchedBroker();
    broker.barOpened('X', bar(0, 100, 100, 100, 100));
    broker.submit(intent({ side: 'buy', type: 'market', amount: 2 }));
    broker.barOpened('X', bar(1, 130, 130, 130, 130));
    broker.submit(intent({ side: 'buy', type: 'market', amount: 1 }));
    const [p] = await broker.fetchPositions();
    expect(p.size).toBe(3);
    expect(p.entryPrice).toBeCloseTo(110, 12); // (2·100 + 1·130) / 3
    expect((await broker.fetchBalance()).free).toBe(10_000 - 330);
  });
});

describe('SimBroker limit orders', () => {
  it('rest until the price reaches them and fill at the limit', async () => {
    const { broker, fills } = watchedBroker();
    broker.barOpened('X', bar(0, 100, 100, 100, 100));
    const o = broker.submit(intent({ side: 'buy', type: 'limit', amount: 1, price: 95 }));
    expect(o.status).toBe('open');
    expect(await broker.fetchOpenOrders('X')).toHaveLength(1);
    runBar(broker, bar(1, 100, 101, 96, 99)); // low 96 never reaches 95
    expect(fills).toHaveLength(0);
    runBar(broker, bar(2, 99, 100, 94, 97));
    expect(fills.map((f) => f.price)).toEqual([95]);
    expect(await broker.fetchOpenOrders()).toHaveLength(0);
  });

  it('fill at the better open when the bar gaps through the limit', () => {
    const { broker, fills } = watchedBroker();
    broker.barOpened('X', bar(0, 100, 100, 100, 100));
    broker.submit(intent({ side: 'buy', type: 'limit', amount: 1, price: 95 }));
    runBar(broker, bar(1, 90, 92, 88, 91));
    expect(fills.map((f) => f.price)).toEqual([90]);
  });

  it('fill at once at the current price when already marketable', () => {
    const { broker, fills } = watchedBroker();
    broker.barOpened('X', bar(0, 100, 100, 100, 100));
    broker.submit(intent({ side: 'sell', type: 'limit', amount: 1, price: 90 }));
    expect(fills.map((f) => f.price)).toEqual([100]);
  });
});

describe('SimBroker stop orders', () => {
  it('a buy stop-market triggers when the high reaches the stop and fills at the stop', () => {
    const { broker, fills } = watchedBroker();
    broker.barOpened('X', bar(0, 100, 100, 100, 100));
    broker.submit(intent({ side: 'buy', type: 'stop-market', amount: 1, stopPrice: 105 }));
    runBar(broker, bar(1, 101, 107, 99, 103));
    expect(fills.map((f) => f.price)).toEqual([105]);
  });

  it('a stop gapped through at the open fills at the open, not at the stop', () => {
    const { broker, fills } = watchedBroker();
    broker.barOpened('X', bar(0, 100, 100, 100, 100));
    broker.submit(intent({ side: 'buy', type: 'stop-market', amount: 1, stopPrice: 105 }));
    runBar(broker, bar(1, 108, 110, 107, 109));
    expect(fills.map((f) => f.price)).toEqual([108]);
  });

  it('a stop-limit arms at its stop and then fills as a limit', () => {
    const { broker, fills } = watchedBroker();
    broker.barOpened('X', bar(0, 100, 100, 100, 100));
    broker.submit(intent({ side: 'buy', type: 'stop-limit', amount: 1, stopPrice: 105, price: 106 }));
    runBar(broker, bar(1, 101, 108, 99, 107));
    expect(fills.map((f) => f.price)).toEqual([105]); // touched 105 ≤ limit 106: fills at the trigger
  });

  it('a stop-limit gapped above its limit arms but waits for the price to come back to the limit', () => {
    const { broker, fills } = watchedBroker();
    broker.barOpened('X', bar(0, 100, 100, 100, 100));
    const o = broker.submit(intent({ side: 'buy', type: 'stop-limit', amount: 1, stopPrice: 105, price: 106 }));
    runBar(broker, bar(1, 110, 112, 107, 108)); // never back to 106
    expect(fills).toHaveLength(0);
    runBar(broker, bar(2, 108, 109, 104, 105)); // falls through 106
    expect(fills.map((f) => [f.orderId, f.price])).toEqual([[o.id, 106]]);
  });

  it('a sell stop-market triggers when the low reaches it', () => {
    const { broker, fills } = watchedBroker();
    broker.barOpened('X', bar(0, 100, 100, 100, 100));
    broker.submit(intent({ side: 'buy', type: 'market', amount: 1 }));
    broker.submit(intent({ side: 'sell', type: 'stop-market', amount: 1, stopPrice: 95, reduceOnly: true }));
    runBar(broker, bar(1, 99, 101, 94, 96));
    expect(fills.map((f) => [f.side, f.price])).toEqual([
      ['buy', 100],
      ['sell', 95],
    ]);
  });
});

describe('SimBroker rejections and queries', () => {
  it.each([
    ['a limit without a price', { side: 'buy', type: 'limit', amount: 1 }, /limit price/],
    ['a stop without a stop price', { side: 'sell', type: 'stop-market', amount: 1 }, /stop price/],
    ['a zero amount', { side: 'buy', type: 'market', amount: 0 }, /amount must be > 0/],
  ] as const)('rejects %s', (_name, fields, reason) => {
    const { broker } = watchedBroker();
    broker.barOpened('X', bar(0, 100, 100, 100, 100));
    const o = broker.submit(intent({ ...fields }));
    expect(o.status).toBe('rejected');
    expect(o.rejectReason).toMatch(reason);
  });

  it('rejects amounts under the market minimum and notional', () => {
    const { broker } = watchedBroker({ markets: [{ symbol: 'X', priceStep: 0.01, amountStep: 0.001, minAmount: 0.01, minNotional: 5 }] });
    broker.barOpened('X', bar(0, 100, 100, 100, 100));
    expect(broker.submit(intent({ side: 'buy', type: 'market', amount: 0.005 })).rejectReason).toMatch(/minimum 0.01/);
    expect(broker.submit(intent({ side: 'buy', type: 'market', amount: 0.04 })).rejectReason).toMatch(/notional/);
    expect(broker.submit(intent({ side: 'buy', type: 'market', amount: 0.05 })).status).toBe('filled');
  });

  it('cancels a reduce-only order that would open a position', () => {
    const { broker } = watchedBroker();
    broker.barOpened('X', bar(0, 100, 100, 100, 100));
    const o = broker.submit(intent({ side: 'sell', type: 'market', amount: 1, reduceOnly: true }));
    expect(o.status).toBe('cancelled');
  });

  it('cancels one order or all, and reports them no longer open', async () => {
    const { broker } = watchedBroker();
    broker.barOpened('X', bar(0, 100, 100, 100, 100));
    const a = broker.submit(intent({ side: 'buy', type: 'limit', amount: 1, price: 90 }));
    broker.submit(intent({ side: 'buy', type: 'limit', amount: 1, price: 80 }));
    expect((await broker.cancelOrder(a.id)).status).toBe('cancelled');
    expect(await broker.fetchOpenOrders('X')).toHaveLength(1);
    expect(await broker.cancelAllOrders('X')).toHaveLength(1);
    expect(await broker.fetchOpenOrders()).toHaveLength(0);
  });
});
