// Paper broker: emulator tickers as live prices, fills by the backtester's SimBroker rules, orders in the journal.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Fill } from '../../../electron/engine/model/order';
import { marketRulesOf } from '../../../electron/engine/execution/live';
import { PaperBroker, feedBar, moveBar } from '../../../electron/engine/execution/paper';
import { SimBroker } from '../../../electron/engine/execution/sim-broker';
import { BinanceEmulator, type EmuCandle } from '../../emulator';
import { tempDir } from '../../support/temp';
import { emulatorExchange, intent, openJournal, type Store } from './helpers';

const CLOSES = [60_000, 60_000, 59_500, 58_500, 58_800, 61_000];
const candles: EmuCandle[] = CLOSES.map((close, i) => ({ time: Date.UTC(2024, 0, 1) + i * 60_000, open: close, high: close, low: close, close, volume: 1 }));

let emulator: BinanceEmulator;
let path: string;
const stores: Store[] = [];

function paper(): { broker: PaperBroker } & Store {
  const store = openJournal(path);
  stores.push(store);
  const broker = new PaperBroker({ exchange: emulatorExchange(emulator), journal: store.journal, symbols: ['BTC/USDT'], cash: 10_000, commission: 0.001 });
  return { broker, ...store };
}

beforeEach(async () => {
  emulator = await BinanceEmulator.start({ series: { 'BTC/USDT': candles }, startIndex: 0 });
  path = join(tempDir('quorum-paper-'), 'paper.db');
});
afterEach(async () => {
  for (const s of stores.splice(0)) s.db.close();
  await emulator.close();
});

describe('paper broker', () => {
  it('fills a market order at the live price with commission, in its own balance, journaled', async () => {
    const { broker, journal } = paper();
    await broker.start();
    const i = intent({ side: 'buy', type: 'market', amount: 0.01 });
    const order = await broker.createOrder(i);
    expect(order).toMatchObject({ id: i.clientOrderId, status: 'filled', filled: 0.01, averagePrice: 60_000 });
    expect(await broker.fetchBalance()).toMatchObject({ currency: 'USDT', total: 10_000 - 600 - 0.6 });
    expect(journal.get(i.clientOrderId)).toMatchObject({ status: 'filled', filled: 0.01 });
    expect(journal.fills()).toEqual([expect.objectContaining({ amount: 0.01, price: 60_000, fee: 0.6, feeCurrency: 'USDT' })]);
    expect(emulator.orderRequests).toHaveLength(0);
  });

  it('fills a resting limit exactly as the SimBroker does when fed the same price moves', async () => {
    const { broker } = paper();
    await broker.start();
    const fills: Fill[] = [];
    broker.subscribe({ orderUpdated: () => undefined, filled: (f) => fills.push(f) });
    const i = intent({ side: 'buy', type: 'limit', amount: 0.01, price: 59_000 });
    await broker.createOrder(i);
    const ex = emulatorExchange(emulator);
    await ex.loadMarkets();
    const reference = new SimBroker({ cash: 10_000, commission: 0.001, allowShort: false, markets: [marketRulesOf(ex, 'BTC/USDT')] });
    const refFills: Fill[] = [];
    reference.subscribe({ orderUpdated: () => undefined, filled: (f) => refFills.push(f) });
    let previous: number | undefined;
    for (let step = 0; step < 3; step++) {
      const price = emulator.price('BTC/USDT');
      feedBar(reference, 'BTC/USDT', moveBar(step, previous, price));
      if (step === 0) reference.submit(i);
      previous = price;
      emulator.advance(1);
      await broker.tick();
    }
    const last = emulator.price('BTC/USDT');
    feedBar(reference, 'BTC/USDT', moveBar(3, previous, last));
    expect(fills).toHaveLength(1);
    expect(fills[0]).toMatchObject({ price: 59_000, amount: 0.01, fee: refFills[0].fee });
    expect(refFills.map((f) => [f.price, f.amount])).toEqual(fills.map((f) => [f.price, f.amount]));
  });

  it('restarts with the same balance, positions and resting orders; pending entries are closed as never sent', async () => {
    const first = paper();
    await first.broker.start();
    await first.broker.createOrder(intent({ side: 'buy', type: 'market', amount: 0.01 }));
    const resting = intent({ side: 'sell', type: 'limit', amount: 0.005, price: 60_500 });
    await first.broker.createOrder(resting);
    const lost = intent({ side: 'buy', type: 'market', amount: 0.01 });
    first.journal.recordIntent(lost);
    const balance = await first.broker.fetchBalance();
    const second = paper();
    await second.broker.start();
    expect(await second.broker.fetchBalance()).toEqual(balance);
    expect((await second.broker.fetchPositions()).map((p) => p.size)).toEqual([0.01]);
    expect((await second.broker.fetchOpenOrders()).map((o) => o.id)).toEqual([resting.clientOrderId]);
    expect(second.journal.get(lost.clientOrderId)!.status).toBe('rejected');
    emulator.advance(5);
    await second.broker.tick();
    expect(second.journal.get(resting.clientOrderId)).toMatchObject({ status: 'filled', filled: 0.005 });
    expect((await second.broker.fetchPositions()).map((p) => p.size)).toEqual([0.005]);
  });

  it('refuses orders below the market minimum and cancels by id', async () => {
    const { broker, journal } = paper();
    await broker.start();
    const small = intent({ side: 'buy', type: 'market', amount: 0.00001 });
    await expect(broker.createOrder(small)).rejects.toMatchObject({ code: 'ORDER_TOO_SMALL' });
    expect(journal.get(small.clientOrderId)!.status).toBe('rejected');
    const i = intent({ side: 'buy', type: 'limit', amount: 0.01, price: 50_000 });
    const placed = await broker.createOrder(i);
    expect((await broker.cancelOrder(placed.id)).status).toBe('cancelled');
    expect(journal.get(i.clientOrderId)!.status).toBe('cancelled');
  });
});
