// Commission, slippage and the no-leverage affordability limit on the sim venue, by hand-computed numbers.
import { describe, expect, it } from 'vitest';
import { affordableAmount, parseSlippage } from '../../../electron/engine/execution/sim-broker';
import { bar, intent, runBar, watchedBroker } from './helpers';

describe('commission', () => {
  it('is a fraction of each fill\'s notional, charged on both sides', async () => {
    const { broker, fills } = watchedBroker({ commission: 0.001 });
    broker.barOpened('X', bar(0, 100, 100, 100, 100));
    broker.submit(intent({ side: 'buy', type: 'market', amount: 10 }));
    broker.barOpened('X', bar(1, 120, 120, 120, 120));
    broker.submit(intent({ side: 'sell', type: 'market', amount: 10 }));
    expect(fills.map((f) => f.fee)).toEqual([1, 1.2]); // 0.1 % of 1000 and of 1200
    expect((await broker.fetchBalance()).total).toBeCloseTo(10_000 - 1000 - 1 + 1200 - 1.2, 9);
    const [trade] = broker.portfolio.trades;
    expect(trade.pnl).toBeCloseTo(200 - 2.2, 9);
    expect(trade.returnPct).toBeCloseTo(20 - 0.22, 9); // 20 % move minus 2.2 / 1000 of fees
  });
});

describe('slippage', () => {
  it('fixed bps move market fills against the trader: buys up, sells down', () => {
    const { broker, fills } = watchedBroker({ slippage: parseSlippage('10bps') });
    broker.barOpened('X', bar(0, 100, 100, 100, 100));
    broker.submit(intent({ side: 'buy', type: 'market', amount: 1 }));
    broker.submit(intent({ side: 'sell', type: 'market', amount: 1 }));
    expect(fills.map((f) => f.price)).toEqual([100.1, 99.9]);
  });

  it('a fraction of the bar range applies to stop fills too', () => {
    const { broker, fills } = watchedBroker({ slippage: parseSlippage('range:0.1') });
    broker.barOpened('X', bar(0, 100, 100, 100, 100));
    broker.submit(intent({ side: 'buy', type: 'stop-market', amount: 1, stopPrice: 105 }));
    runBar(broker, bar(1, 101, 111, 91, 110)); // range 20 → 2 of slippage
    expect(fills.map((f) => f.price)).toEqual([107]);
  });

  it('never applies to limit fills', () => {
    const { broker, fills } = watchedBroker({ slippage: parseSlippage(50) });
    broker.barOpened('X', bar(0, 100, 100, 100, 100));
    broker.submit(intent({ side: 'buy', type: 'limit', amount: 1, price: 95 }));
    runBar(broker, bar(1, 99, 100, 90, 95));
    expect(fills.map((f) => f.price)).toEqual([95]);
  });

  it('rounds the slipped price to the market price step', () => {
    const { broker, fills } = watchedBroker({
      slippage: parseSlippage('bps:3'),
      markets: [{ symbol: 'X', priceStep: 0.01, amountStep: 0.001, minAmount: 0, minNotional: 0 }],
    });
    broker.barOpened('X', bar(0, 123.45, 123.45, 123.45, 123.45));
    broker.submit(intent({ side: 'buy', type: 'market', amount: 1 }));
    expect(fills[0].price).toBe(123.49); // 123.45 · 1.0003 = 123.487…
  });

  it('rejects unknown slippage text', () => {
    expect(() => parseSlippage('lots')).toThrow(/slippage must be/);
  });
});

describe('affordability (no leverage)', () => {
  const account = { position: 0, cash: 1000, feeRate: 0.01, amountStep: 0.001, allowShort: true };

  it('a buy beyond cash (fee included) is trimmed to what cash pays', () => {
    expect(affordableAmount('buy', 20, 100, account)).toBe(9.9); // 1000 / 101 = 9.90099 → 9.900
  });

  it('a buy that fits is left alone', () => {
    expect(affordableAmount('buy', 9, 100, account)).toBe(9);
  });

  it('closing an opposite position is always allowed; only the new part is limited', () => {
    expect(affordableAmount('buy', 5, 100, { ...account, position: -5, cash: 0 })).toBe(5);
  });

  it('a short is limited by equity', () => {
    expect(affordableAmount('sell', 50, 100, account)).toBe(9.9);
  });

  it('without shorting only the long can be sold', () => {
    expect(affordableAmount('sell', 5, 100, { ...account, position: 2, allowShort: false })).toBe(2);
  });

  it('the venue trims an oversize market buy and rejects one it cannot pay at all', () => {
    const { broker } = watchedBroker({ cash: 1000 });
    broker.barOpened('X', bar(0, 100, 100, 100, 100));
    expect(broker.submit(intent({ side: 'buy', type: 'market', amount: 15 })).filled).toBe(10);
    const o = broker.submit(intent({ side: 'buy', type: 'market', amount: 1 }));
    expect([o.status, o.rejectReason]).toEqual(['rejected', 'insufficient funds']);
  });
});

describe('shorts', () => {
  it('selling short credits the proceeds to cash; equity marks the short at the close', async () => {
    const { broker } = watchedBroker({ cash: 1000 });
    broker.barOpened('X', bar(0, 100, 100, 100, 100));
    broker.submit(intent({ side: 'sell', type: 'market', amount: 5 }));
    broker.barClosed('X', bar(0, 100, 100, 80, 80));
    expect(broker.portfolio.cash).toBe(1500);
    expect(broker.portfolio.equity()).toBe(1100); // 1500 − 5 · 80
    expect((await broker.fetchPositions())[0]).toMatchObject({ size: -5, entryPrice: 100 });
  });
});

describe('spread', () => {
  it('worsens fills that open a position (buy up, short down) and leaves closing fills at the plain price', () => {
    const { broker, fills } = watchedBroker({ spread: 0.01 });
    broker.barOpened('X', bar(0, 100, 100, 100, 100));
    broker.submit(intent({ side: 'buy', type: 'market', amount: 1 }));
    broker.submit(intent({ side: 'sell', type: 'market', amount: 1 }));
    broker.submit(intent({ side: 'sell', type: 'market', amount: 1 }));
    broker.submit(intent({ side: 'buy', type: 'market', amount: 1 }));
    expect(fills.map((f) => f.price)).toEqual([101, 100, 99, 100]);
    expect(fills.every((f) => f.fee === 0)).toBe(true);
    expect(broker.portfolio.trades.map((t) => t.returnPct)).toEqual([(100 / 101 - 1) * 100, -(100 / 99 - 1) * 100]);
  });
});
