// ccxt is wired to the emulator only: every URL it knows and every request it makes stays on 127.0.0.1.
import { afterEach, describe, expect, test } from 'vitest';
import { collectUrls, makeBinanceClient } from '../../emulator/ccxt-client';
import { startRig, type Rig } from './helpers';

let rig: Rig;
afterEach(async () => rig?.emulator.close());

describe('makeBinanceClient', () => {
  test('rewrites every URL in exchange.urls to the emulator', async () => {
    rig = await startRig();
    const urls = collectUrls(rig.client.urls);
    expect(urls.length).toBeGreaterThan(20);
    for (const url of urls) expect(url.startsWith(`${rig.emulator.url}/`) || url === rig.emulator.url).toBe(true);
    expect((rig.client.urls.api as Record<string, string>).public).toBe(`${rig.emulator.url}/api/v3`);
  });

  test('the emulator only ever sees requests addressed to 127.0.0.1', async () => {
    rig = await startRig();
    await rig.client.loadMarkets();
    await rig.client.fetchTicker('BTC/USDT');
    await rig.client.fetchBalance();
    expect(rig.emulator.requestLog.length).toBe(3);
    for (const entry of rig.emulator.requestLog) expect(entry.host).toBe(rig.emulator.url.replace('http://', ''));
  });

  test('loadMarkets is a single exchangeInfo call with the emulator options', async () => {
    rig = await startRig();
    await rig.client.loadMarkets();
    expect(rig.emulator.counters()).toEqual({ 'GET /api/v3/exchangeInfo': 1 });
  });

  test('a client on ccxt defaults (currencies, margin pairs, futures) still loads from the emulator', async () => {
    rig = await startRig();
    const client = rig.clientWith({ options: { fetchCurrencies: true, fetchMargins: true, fetchMarkets: { types: ['spot', 'linear', 'inverse'] } } });
    const markets = await client.loadMarkets();
    expect(Object.keys(markets).sort()).toEqual(['BTC/USDT', 'ETH/USDT', 'FIL/USDT']);
    expect(client.currencies.BTC).toBeDefined();
    expect(Object.keys(rig.emulator.counters())).toEqual(expect.arrayContaining([
      'GET /sapi/v1/capital/config/getall', 'GET /sapi/v1/margin/allPairs', 'GET /fapi/v1/exchangeInfo', 'GET /dapi/v1/exchangeInfo',
    ]));
  });

  test('refuses a URL that is not a local emulator', () => {
    expect(() => makeBinanceClient('https://api.binance.com')).toThrow(/not a 127.0.0.1/);
  });

  test('a request to a URL outside the emulator is refused before it leaves', async () => {
    rig = await startRig();
    const error = await rig.client.fetch('https://api.binance.com/api/v3/time').catch((caught: unknown) => caught);
    expect(String(error)).toMatch(/refused off-host request/);
  });
});
