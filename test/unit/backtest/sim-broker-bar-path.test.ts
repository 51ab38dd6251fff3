// The in-bar fill order: open first (gaps fill there), then the adverse extreme before the favourable one.
import { describe, expect, it } from 'vitest';
import { bar, intent, runBar, watchedBroker } from './helpers';

/** A long of 1 at 100 with a stop at 95 and a target at 110, entered at bar 0's open. */
function longWithExits() {
  const w = watchedBroker();
  const entry = bar(0, 100, 100, 100, 100);
  w.broker.barOpened('X', entry);
  w.broker.submit(intent({ side: 'buy', type: 'market', amount: 1, stopLoss: 95, takeProfit: 110 }));
  w.broker.barTraded('X', entry);
  w.broker.barClosed('X', entry);
  return w;
}

describe('SimBroker in-bar order', () => {
  it('a long whose stop and target are both inside one bar is stopped out (low before high)', async () => {
    const { broker, fills } = longWithExits();
    runBar(broker, bar(1, 100, 112, 94, 108));
    expect(fills.map((f) => [f.side, f.price])).toEqual([
      ['buy', 100],
      ['sell', 95],
    ]);
    expect(await broker.fetchOpenOrders()).toHaveLength(0); // the target was cancelled with the stop's fill
  });

  it('a short whose stop and target are both inside one bar is stopped out (high before low)', () => {
    const { broker, fills } = watchedBroker();
    const b0 = bar(0, 100, 100, 100, 100);
    broker.barOpened('X', b0);
    broker.submit(intent({ side: 'sell', type: 'market', amount: 1, stopLoss: 105, takeProfit: 90 }));
    runBar(broker, bar(1, 100, 106, 88, 95));
    expect(fills.map((f) => [f.side, f.price])).toEqual([
      ['sell', 100],
      ['buy', 105],
    ]);
  });

  it('a gap down through the stop fills at the open, below the stop', () => {
    const { broker, fills } = longWithExits();
    runBar(broker, bar(1, 90, 93, 85, 92));
    expect(fills[1].price).toBe(90);
    expect(fills[1].clientOrderId).toMatch(/:sl$/);
  });

  it('a gap up through the target fills at the open, above the target', () => {
    const { broker, fills } = longWithExits();
    runBar(broker, bar(1, 115, 118, 94, 116));
    expect(fills[1].price).toBe(115);
    expect(fills[1].clientOrderId).toMatch(/:tp$/);
  });

  it('the target fills when the stop is not touched', () => {
    const { broker, fills } = longWithExits();
    runBar(broker, bar(1, 101, 111, 96, 109));
    expect(fills[1].price).toBe(110);
  });

  it('a stop entry filled on the way up can be stopped out later in the same bar (…→ high → close)', () => {
    const { broker, fills } = watchedBroker();
    broker.barOpened('X', bar(0, 100, 100, 100, 100));
    broker.submit(intent({ side: 'buy', type: 'stop-market', amount: 1, stopPrice: 104, stopLoss: 101 }));
    runBar(broker, bar(1, 100, 106, 99, 100)); // open 100 → low 99 → high 106 (entry at 104) → close 100 (stop at 101)
    expect(fills.map((f) => [f.side, f.price])).toEqual([
      ['buy', 104],
      ['sell', 101],
    ]);
  });

  it('resting orders on the same side fill in the order the path reaches them', () => {
    const { broker, fills } = watchedBroker();
    broker.barOpened('X', bar(0, 100, 100, 100, 100));
    broker.submit(intent({ side: 'buy', type: 'limit', amount: 1, price: 92 }));
    broker.submit(intent({ side: 'buy', type: 'limit', amount: 1, price: 97 }));
    runBar(broker, bar(1, 99, 100, 90, 95));
    expect(fills.map((f) => f.price)).toEqual([97, 92]);
  });
});

describe('SimBroker attached exits', () => {
  it('are placed when the entry fills, as a reduce-only stop-market and limit for the whole position', async () => {
    const { broker } = longWithExits();
    const open = await broker.fetchOpenOrders('X');
    expect(open.map((o) => [o.type, o.side, o.amount, o.stopPrice ?? o.price, o.reduceOnly, o.reason])).toEqual([
      ['stop-market', 'sell', 1, 95, true, 'stop-loss'],
      ['limit', 'sell', 1, 110, true, 'take-profit'],
    ]);
    expect((await broker.fetchPositions())[0]).toMatchObject({ stopLoss: 95, takeProfit: 110 });
  });

  it('are cancelled when the position is closed by another order', async () => {
    const { broker, updates } = longWithExits();
    broker.submit(intent({ side: 'sell', type: 'market', amount: 1, reduceOnly: true }));
    expect(await broker.fetchOpenOrders()).toHaveLength(0);
    expect(updates.filter((o) => o.status === 'cancelled').map((o) => o.rejectReason)).toEqual(['position closed', 'position closed']);
  });

  it('shrink with a partial close', async () => {
    const { broker } = watchedBroker();
    broker.barOpened('X', bar(0, 100, 100, 100, 100));
    broker.submit(intent({ side: 'buy', type: 'market', amount: 4, stopLoss: 90 }));
    broker.submit(intent({ side: 'sell', type: 'market', amount: 1, reduceOnly: true }));
    expect((await broker.fetchOpenOrders()).map((o) => o.amount)).toEqual([3]);
  });
});
