// Replays real Binance BTC/USDT 5m candles (../shared, read in place) through the emulator and checks what ccxt sees.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EmuCandle } from '../../emulator';
import { hasSharedData, sharedPath, SHARED_SKIP_REASON } from '../../shared-data';
import { startRig, type Rig } from './helpers';

const FILE = sharedPath('data', 'Pr4v33n23-freqtrade', 'BTC_USDT-5m.json.gz');
const START = 99;

function loadCandles(count: number): EmuCandle[] {
  const rows = JSON.parse(gunzipSync(readFileSync(FILE)).toString('utf8')) as number[][];
  return rows.slice(0, count).map(([time, open, high, low, close, volume]) => ({ time, open, high, low, close, volume }));
}

describe.skipIf(!hasSharedData)(`real candles (${hasSharedData ? 'present' : SHARED_SKIP_REASON})`, () => {
  let rig: Rig;
  let candles: EmuCandle[];
  beforeAll(async () => {
    candles = loadCandles(400);
    rig = await startRig({ series: { 'BTC/USDT': candles }, interval: '5m', startIndex: START });
    await rig.client.loadMarkets();
  });
  afterAll(async () => rig.emulator.close());

  test('fetchOHLCV returns the recorded candles up to the current one', async () => {
    const rows = await rig.client.fetchOHLCV('BTC/USDT', '5m', candles[0].time, 1000);
    expect(rows.length).toBe(START + 1);
    const [time, open, high, low, close, volume] = rows[10] as number[];
    expect({ time, open, high, low, close, volume }).toEqual(candles[10]);
  });

  test('hourly klines aggregate twelve 5m candles', async () => {
    const [first] = await rig.client.fetchOHLCV('BTC/USDT', '1h', candles[0].time, 1);
    const hour = candles.slice(0, 12);
    expect(first[2]).toBe(Math.max(...hour.map((candle) => candle.high)));
    expect(first[3]).toBe(Math.min(...hour.map((candle) => candle.low)));
    expect(first[4]).toBe(hour[11].close);
  });

  test('a buy limit fills on the first later candle whose low reaches it', async () => {
    const future = candles.slice(START + 1);
    const price = Math.round((candles[START].close * 0.995) * 100) / 100;
    const crossing = future.findIndex((candle) => candle.low <= price);
    expect(crossing).toBeGreaterThan(0);
    const placed = await rig.client.createOrder('BTC/USDT', 'limit', 'buy', 0.001, price);
    rig.emulator.advance(crossing);
    expect((await rig.client.fetchOrder(placed.id!, 'BTC/USDT')).status).toBe('open');
    rig.emulator.advance(1);
    const filled = await rig.client.fetchOrder(placed.id!, 'BTC/USDT');
    expect(filled.status).toBe('closed');
    expect(filled.average).toBe(Math.min(price, future[crossing].open));
  });
});
