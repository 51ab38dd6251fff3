// `quorum data download` logic against real ccxt talking HTTP to the local Binance emulator.
import { describe, expect, it } from 'vitest';
import { CandleStore } from '../../../electron/engine/data/candle-store';
import { downloadCandles } from '../../../electron/engine/data/download/download';
import { missingRanges } from '../../../electron/engine/data/download/missing-ranges';
import { parseOhlcvPage } from '../../../electron/engine/data/download/ohlcv-page';
import { ExchangeError } from '../../../electron/engine/errors';
import { createExchange } from '../../../electron/engine/exchange/ccxt-factory';
import { collectUrls } from '../../../electron/engine/exchange/url-override';
import { seriesFromCandles } from '../../../electron/engine/model/candle-series';
import { openStore } from '../../../electron/engine/store/database';
import { BinanceEmulator, type EmuCandle } from '../../emulator';
import { tempDir } from '../../support/temp';

const dir = tempDir();
const T0 = Date.UTC(2024, 0, 1);
const MINUTE = 60_000;
const KEY = { exchange: 'binance', symbol: 'BTC/USDT', timeframe: '1m' } as const;

function syntheticCandles(n: number): EmuCandle[] {
  let price = 40_000;
  return Array.from({ length: n }, (_, i) => {
    const open = price;
    price = Math.round((price * (1 + Math.sin(i / 17) * 0.002)) * 100) / 100;
    return { time: T0 + i * MINUTE, open, high: Math.max(open, price) + 5, low: Math.min(open, price) - 5, close: price, volume: 1 + (i % 7) };
  });
}

async function rig(n = 2_300) {
  const candles = syntheticCandles(n);
  const emulator = await BinanceEmulator.start({ series: { BTCUSDT: candles }, interval: '1m', startIndex: n - 1 });
  const client = createExchange('binance', { urlOverride: emulator.url, enableRateLimit: false, timeoutMs: 5_000 });
  let file = 0;
  const { db } = openStore(`${dir}/dl-${Date.now()}-${file++}.db`);
  const store = new CandleStore(db);
  return { candles, emulator, client, store, close: async () => { db.close(); await emulator.close(); } };
}

const noSleep = async () => undefined;

describe('data download (ccxt ↔ emulator)', () => {
  it('points every ccxt URL at the emulator', async () => {
    const r = await rig(10);
    expect(collectUrls(r.client.urls).every((u) => u.startsWith(r.emulator.url))).toBe(true);
    await r.close();
  });

  it('downloads a range page by page and stores exactly the exchange candles', async () => {
    const r = await rig();
    const to = T0 + 2_299 * MINUTE;
    const result = await downloadCandles(r.client, r.store, KEY, { from: T0, to, pageLimit: 500, sleep: noSleep });
    expect(result.wantedBars).toBe(2_300);
    expect(result.storedBars).toBe(2_300);
    expect(result.requests).toBe(5);
    const stored = r.store.load(KEY);
    const expected = seriesFromCandles(r.candles);
    expect(Array.from(stored.time)).toEqual(Array.from(expected.time));
    expect(Array.from(stored.close)).toEqual(Array.from(expected.close));
    expect(r.emulator.requestLog.filter((e) => e.path === '/api/v3/klines')).toHaveLength(5);
    await r.close();
  });

  it('fetches only the gaps of what is already stored', async () => {
    const r = await rig();
    const all = seriesFromCandles(r.candles);
    r.store.write(KEY, seriesFromCandles(r.candles.slice(0, 1_000)));
    r.store.write(KEY, seriesFromCandles(r.candles.slice(1_500, 2_000)));
    const result = await downloadCandles(r.client, r.store, KEY, { from: T0, to: T0 + 2_299 * MINUTE, pageLimit: 1000, sleep: noSleep });
    expect(result.missingBefore).toEqual([
      { from: T0 + 1_000 * MINUTE, to: T0 + 1_499 * MINUTE },
      { from: T0 + 2_000 * MINUTE, to: T0 + 2_299 * MINUTE },
    ]);
    expect(result.storedBars).toBe(800);
    expect(result.requests).toBe(2);
    expect(Array.from(r.store.load(KEY).time)).toEqual(Array.from(all.time));
    await r.close();
  });

  it('resumes after an interruption without fetching stored pages again', async () => {
    const r = await rig();
    const controller = new AbortController();
    const first = downloadCandles(r.client, r.store, KEY, {
      from: T0, to: T0 + 2_299 * MINUTE, pageLimit: 500, sleep: noSleep, signal: controller.signal,
      onProgress: (p) => { if (p.storedBars >= 1_000) controller.abort(); },
    });
    await expect(first).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(r.store.count(KEY)).toBe(1_000);
    const second = await downloadCandles(r.client, r.store, KEY, { from: T0, to: T0 + 2_299 * MINUTE, pageLimit: 500, sleep: noSleep });
    expect(second.storedBars).toBe(1_300);
    expect(second.requests).toBe(3);
    expect(r.store.count(KEY)).toBe(2_300);
    await r.close();
  });

  it('retries rate limits, server errors, dropped connections and timeouts, then completes', async () => {
    const r = await rig(1_200);
    r.emulator.faults.set({ kind: 'rateLimit', path: '/api/v3/klines', count: 1 });
    r.emulator.faults.set({ kind: 'serverError', path: '/api/v3/klines', count: 1 });
    r.emulator.faults.set({ kind: 'drop', path: '/api/v3/klines', count: 1 });
    r.emulator.faults.set({ kind: 'timeout', path: '/api/v3/klines', count: 1 });
    const result = await downloadCandles(r.client, r.store, KEY, { from: T0, to: T0 + 1_199 * MINUTE, pageLimit: 1000, timeoutMs: 300, sleep: noSleep });
    expect(result.retries).toBe(4);
    expect(result.storedBars).toBe(1_200);
    await r.close();
  });

  it('gives up with an ExchangeError after the retry budget', async () => {
    const r = await rig(100);
    r.emulator.faults.set({ kind: 'serverError', path: '/api/v3/klines', count: 10 });
    const run = downloadCandles(r.client, r.store, KEY, { from: T0, to: T0 + 99 * MINUTE, maxRetries: 2, sleep: noSleep });
    await expect(run).rejects.toBeInstanceOf(ExchangeError);
    expect(r.store.count(KEY)).toBe(0);
    await r.close();
  });

  it('spaces requests by the exchange rate limit when ccxt does not throttle', async () => {
    const r = await rig(1_000);
    // Measured where the pacing happens, as each request leaves: arrival times at the server add network jitter.
    const sent: number[] = [];
    const client = { ...r.client, enableRateLimit: false, rateLimit: 60, fetchOHLCV: (...args: Parameters<typeof r.client.fetchOHLCV>) => {
      sent.push(performance.now());
      return r.client.fetchOHLCV(...args);
    } };
    const result = await downloadCandles(client, r.store, KEY, { from: T0, to: T0 + 999 * MINUTE, pageLimit: 200 });
    expect(result.requests).toBe(5);
    expect(r.emulator.requestLog.filter((e) => e.path === '/api/v3/klines')).toHaveLength(5);
    // setTimeout may fire up to 1 ms early against a sub-millisecond clock.
    for (let i = 1; i < sent.length; i++) expect(sent[i] - sent[i - 1]).toBeGreaterThanOrEqual(59);
    await r.close();
  });

  it('reports ranges the exchange has no candles for', async () => {
    const r = await rig(300);
    const result = await downloadCandles(r.client, r.store, KEY, { from: T0 - 100 * MINUTE, to: T0 + 299 * MINUTE, sleep: noSleep });
    expect(result.storedBars).toBe(300);
    expect(result.unavailable).toEqual([{ from: T0 - 100 * MINUTE, to: T0 - MINUTE }]);
    await r.close();
  });
});

describe('exchange reply validation', () => {
  it.each([
    ['a row that is not an array', [5], 'row'],
    ['a NaN price', [[T0, 1, 2, NaN, 1, 1]], 'low'],
    ['an unaligned time', [[T0 + 1, 1, 2, 0.5, 1, 1]], 'time'],
    ['rows out of order', [[T0 + MINUTE, 1, 2, 0.5, 1, 1], [T0, 1, 2, 0.5, 1, 1]], 'time'],
    ['high below low', [[T0, 1, 0.5, 2, 1, 1]], 'high/low'],
  ])('rejects %s, naming the field', (_label, rows, field) => {
    expect(() => parseOhlcvPage(rows, '1m', 0, Infinity)).toThrow(ExchangeError);
    try {
      parseOhlcvPage(rows, '1m', 0, Infinity);
    } catch (err) {
      expect((err as ExchangeError).details.field).toBe(field);
    }
  });

  it('computes missing head, interior and tail ranges', () => {
    const stored = new Float64Array([T0 + 2 * MINUTE, T0 + 3 * MINUTE, T0 + 6 * MINUTE]);
    expect(missingRanges(stored, T0, T0 + 8 * MINUTE, '1m')).toEqual([
      { from: T0, to: T0 + MINUTE },
      { from: T0 + 4 * MINUTE, to: T0 + 5 * MINUTE },
      { from: T0 + 7 * MINUTE, to: T0 + 8 * MINUTE },
    ]);
  });
});
