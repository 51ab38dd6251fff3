// Public market data through real ccxt: markets with Binance filters, ticker, and klines paging over the replayed series.
import { afterEach, describe, expect, test } from 'vitest';
import type { EmuCandle } from '../../emulator';
import { startRig, type Rig } from './helpers';

const T0 = Date.UTC(2024, 0, 1);

/** 100 one-minute candles whose close is 100 + index, so each page is recognisable. */
function rampSeries(): EmuCandle[] {
  return Array.from({ length: 100 }, (_, i) => ({
    time: T0 + i * 60_000, open: 100 + i - 0.5, high: 100 + i + 1, low: 100 + i - 1, close: 100 + i, volume: 1 + i,
  }));
}

let rig: Rig;
afterEach(async () => rig?.emulator.close());

describe('loadMarkets', () => {
  test('derives precision and limits from the Binance filters', async () => {
    rig = await startRig();
    const markets = await rig.client.loadMarkets();
    const btc = markets['BTC/USDT']!;
    expect(btc.id).toBe('BTCUSDT');
    expect(btc.spot).toBe(true);
    expect(btc.active).toBe(true);
    expect(btc.precision).toMatchObject({ amount: 0.00001, price: 0.01 });
    expect(btc.limits.amount).toEqual({ min: 0.00001, max: 9000 });
    expect(btc.limits.price).toEqual({ min: 0.01, max: 1000000 });
    expect(btc.limits.cost?.min).toBe(5);
    expect(markets['FIL/USDT']!.precision).toMatchObject({ amount: 0.01, price: 0.001 });
    expect(rig.client.amountToPrecision('ETH/USDT', 0.123456)).toBe('0.1234');
  });

  test('serves a custom market list', async () => {
    rig = await startRig({
      markets: {
        'SOL/USDT': {
          base: 'SOL', quote: 'USDT', tickSize: '0.01', minPrice: '0.01', maxPrice: '100000',
          stepSize: '0.001', minQty: '0.001', maxQty: '90000', minNotional: '5', seedPrice: 150,
        },
      },
    });
    const markets = await rig.client.loadMarkets();
    expect(Object.keys(markets)).toEqual(['SOL/USDT']);
    expect(markets['SOL/USDT']!.precision.amount).toBe(0.001);
  });
});

describe('fetchTicker', () => {
  test('reports the current candle close as last and follows advance()', async () => {
    rig = await startRig({ series: { 'BTC/USDT': rampSeries() }, startIndex: 49 });
    const first = await rig.client.fetchTicker('BTC/USDT');
    expect(first.symbol).toBe('BTC/USDT');
    expect(first.last).toBe(149);
    expect(first.bid).toBeLessThan(first.ask!);
    rig.emulator.advance(3);
    expect((await rig.client.fetchTicker('BTC/USDT')).last).toBe(152);
  });
});

describe('fetchOHLCV', () => {
  test('pages forward with since and limit until it reaches the current candle', async () => {
    rig = await startRig({ series: { 'BTC/USDT': rampSeries() }, startIndex: 79 });
    const all: number[][] = [];
    let since = T0;
    for (;;) {
      const page = await rig.client.fetchOHLCV('BTC/USDT', '1m', since, 30);
      all.push(...(page as number[][]));
      if (page.length < 30) break;
      since = (page[page.length - 1][0] as number) + 60_000;
    }
    expect(all.length).toBe(80);
    expect(all[0]).toEqual([T0, 99.5, 101, 99, 100, 1]);
    expect(all[79][4]).toBe(179);
    expect(all.map((row) => row[0])).toEqual(Array.from({ length: 80 }, (_, i) => T0 + i * 60_000));
  });

  test('without since returns the most recent candles, never future ones', async () => {
    rig = await startRig({ series: { 'BTC/USDT': rampSeries() }, startIndex: 59 });
    const latest = await rig.client.fetchOHLCV('BTC/USDT', '1m', undefined, 5);
    expect(latest.map((row) => row[4])).toEqual([155, 156, 157, 158, 159]);
    rig.emulator.advance(1);
    const next = await rig.client.fetchOHLCV('BTC/USDT', '1m', undefined, 1);
    expect(next[0][4]).toBe(160);
  });

  test('until bounds the window from above', async () => {
    rig = await startRig({ series: { 'BTC/USDT': rampSeries() }, startIndex: 99 });
    const rows = await rig.client.fetchOHLCV('BTC/USDT', '1m', T0, 10, { until: T0 + 4 * 60_000 });
    expect(rows.length).toBe(5);
  });

  test('aggregates the base series into coarser intervals', async () => {
    rig = await startRig({ series: { 'BTC/USDT': rampSeries() }, startIndex: 99 });
    const rows = await rig.client.fetchOHLCV('BTC/USDT', '5m', T0, 3);
    expect(rows[0]).toEqual([T0, 99.5, 105, 99, 104, 1 + 2 + 3 + 4 + 5]);
    expect(rows[1][0]).toBe(T0 + 5 * 60_000);
  });
});
