// The matching engine seen through ccxt: resting limits fill only when a later candle crosses their price.
import ccxt from 'ccxt';
import { afterEach, describe, expect, test } from 'vitest';
import type { EmuCandle } from '../../emulator';
import { scriptCandle, startRig, type Rig } from './helpers';

const candle = scriptCandle;

/** Now at 50 000; then a dip to 49 500, a dip through 49 000, a gap down to 48 000, and a rally to 52 000. */
const SCRIPT: EmuCandle[] = [
  candle(0, 50_000, 50_000, 50_000, 50_000),
  candle(1, 50_000, 50_200, 49_500, 50_100),
  candle(2, 49_800, 50_000, 48_900, 49_000),
  candle(3, 48_000, 48_200, 47_900, 48_100),
  candle(4, 48_100, 52_000, 48_100, 51_900),
];

let rig: Rig;
async function start(series = SCRIPT): Promise<void> {
  rig = await startRig({ series: { 'BTC/USDT': series }, startIndex: 0 });
  await rig.client.loadMarkets();
}
afterEach(async () => rig.emulator.close());

describe('resting limit orders', () => {
  test('a buy limit fills only when a later candle trades down to its price', async () => {
    await start();
    const placed = await rig.client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 49_000);
    rig.emulator.advance(1);
    expect((await rig.client.fetchOrder(placed.id!, 'BTC/USDT')).status).toBe('open');
    rig.emulator.advance(1);
    const filled = await rig.client.fetchOrder(placed.id!, 'BTC/USDT');
    expect(filled).toMatchObject({ status: 'closed', filled: 0.01, average: 49_000, cost: 490 });
    const [trade] = await rig.client.fetchMyTrades('BTC/USDT');
    expect(trade).toMatchObject({ takerOrMaker: 'maker', price: 49_000, amount: 0.01 });
    const balance = await rig.client.fetchBalance();
    expect(balance.USDT.free).toBe(9_510);
    expect(balance.USDT.used).toBe(0);
    expect(balance.BTC.free).toBeCloseTo(1.00999, 10);
  });

  test('a candle that gaps through the limit fills at its open and frees the unspent quote', async () => {
    await start([SCRIPT[0], SCRIPT[3]]);
    const placed = await rig.client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 49_000);
    rig.emulator.advance(1);
    expect(await rig.client.fetchOrder(placed.id!, 'BTC/USDT')).toMatchObject({ status: 'closed', average: 48_000 });
    expect(rig.emulator.balances().USDT).toEqual({ free: 9_520, locked: 0 });
  });

  test('a sell limit fills when a candle high reaches it, with commission in quote', async () => {
    await start();
    const placed = await rig.client.createOrder('BTC/USDT', 'limit', 'sell', 0.1, 51_000);
    expect(rig.emulator.balances().BTC).toEqual({ free: 0.9, locked: 0.1 });
    rig.emulator.advance(3);
    expect((await rig.client.fetchOrder(placed.id!, 'BTC/USDT')).status).toBe('open');
    rig.emulator.advance(1);
    expect((await rig.client.fetchOrder(placed.id!, 'BTC/USDT')).status).toBe('closed');
    expect(rig.emulator.balances().USDT.free).toBeCloseTo(10_000 + 5_100 - 5.1, 8);
    expect(rig.emulator.balances().BTC).toEqual({ free: 0.9, locked: 0 });
  });

  test('a limit that is marketable on arrival fills at once as taker at the market price', async () => {
    await start();
    const order = await rig.client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 50_500);
    expect(order).toMatchObject({ status: 'closed', average: 50_000 });
    expect(rig.emulator.trades[0].isMaker).toBe(false);
  });

  test('a post-only order that would take is rejected', async () => {
    await start();
    const call = rig.client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 50_500, { postOnly: true });
    await expect(call).rejects.toBeInstanceOf(ccxt.InvalidOrder);
  });

  test('an IOC limit that cannot fill expires at once', async () => {
    await start();
    const order = await rig.client.createOrder('BTC/USDT', 'limit', 'buy', 0.01, 49_000, { timeInForce: 'IOC' });
    expect(order.status).toBe('expired');
    expect(rig.emulator.balances().USDT).toEqual({ free: 10_000, locked: 0 });
  });

  test('advance() past the end of the series stays on the last candle', async () => {
    await start();
    rig.emulator.advance(50);
    expect(rig.emulator.currentCandle('BTC/USDT').close).toBe(51_900);
  });
});
