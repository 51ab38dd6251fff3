// The chart's data through the assembled engine's contract, as typed columns: five years of 1m candles open at once at
// an automatic resolution, a zoomed-in day comes back at 1m, and a stored run's decisions come as vote-strip columns
// (per bar, or per chart bar at a coarser resolution) that agree with the decisions the run stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../../shared/contract';
import type { CandlesReply, DecisionColumnsReply, StoredDecision } from '../../../shared/runs-contract';
import type { Engine } from '../../../electron/engine/engine';
import { CandleStore } from '../../../electron/engine/data/candle-store';
import { resample } from '../../../electron/engine/data/resample';
import { startTestEngine } from '../../support/engine';
import { tempDir } from '../../support/temp';
import { longWave, wave } from '../../support/wave';

/** Five years of 1m bars, 2019–2023 (one leap day). */
const YEARS_5 = 5 * 365 * 1440 + 1440;
const BIG = { exchange: 'local', symbol: 'WAVE/USDT', timeframe: '1m' } as const;
const RUN_DATA = { exchange: 'local', symbol: 'RUN/USDT', timeframe: '1m' } as const;
const HOUR = 3_600_000;

function value<T>(r: Reply): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

describe('chart data as typed columns through the contract', () => {
  const dir = tempDir();
  let engine: Engine;
  const big = longWave(YEARS_5);

  beforeAll(async () => {
    engine = startTestEngine(dir);
    await engine.ready;
    const store = new CandleStore(engine.store.db);
    store.write(BIG, big);
    store.write(RUN_DATA, wave(6_000));
  }, 120_000);
  afterAll(() => engine?.close());

  it('opens five years of 1m candles whole, aggregated to the finest timeframe that fits, with exact OHLCV', async () => {
    const reply = value<CandlesReply>(await engine.dispatcher.dispatch('candles.get', { ...BIG, maxBars: 10_000 }));
    // 4h would need 10,958 bars; 6h fits in 7,306.
    expect(reply.resolution).toBe('6h');
    expect(reply.total).toBe(YEARS_5);
    expect(reply.time).toBeInstanceOf(Float64Array);
    expect(reply.close).toBeInstanceOf(Float64Array);
    const expected = resample(big, '1m', '6h');
    expect(reply.time.length).toBe(expected.length);
    for (const col of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) expect(reply[col]).toEqual(expected[col]);
  });

  it('gives a zoomed-in day at 1m and an explicit resolution as the latest bars of the range', async () => {
    const from = Date.UTC(2022, 5, 1);
    const day = value<CandlesReply>(await engine.dispatcher.dispatch('candles.get', { ...BIG, from, to: from + 24 * HOUR, maxBars: 2_000 }));
    expect(day.resolution).toBe('1m');
    expect(day.time.length).toBe(1_440);
    const at = (from - big.time[0]) / 60_000;
    expect(Array.from(day.close)).toEqual(Array.from(big.close.subarray(at, at + 1_440)));

    const hourly = value<CandlesReply>(await engine.dispatcher.dispatch('candles.get', { ...BIG, from, to: from + 30 * 24 * HOUR, resolution: '1h', maxBars: 100 }));
    expect(hourly.resolution).toBe('1h');
    expect(hourly.time.length).toBe(100);
    expect(hourly.time[99]).toBe(from + 30 * 24 * HOUR - HOUR);
    const k = at + (30 * 24 - 1) * 60;
    expect(hourly.high[99]).toBe(Math.max(...big.high.subarray(k, k + 60)));
    expect(hourly.volume[99]).toBe(big.volume.subarray(k, k + 60).reduce((a, b) => a + b, 0));
  });

  it('refuses a resolution that is not a whole multiple of the dataset, naming the field', async () => {
    const reply = await engine.dispatcher.dispatch('candles.get', { ...BIG, resolution: '1M', maxBars: 10 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'DATA_BAD_RESOLUTION', field: 'resolution' } });
  });

  it("gives a stored run's decisions as vote-strip columns that match the stored decisions, per bar and per hour", async () => {
    const { runId } = value<{ runId: number }>(await engine.dispatcher.dispatch('backtest.start', {
      data: 'local:RUN/USDT:1m', strategy: 'panel', options: { sizing: 'all-in' },
    }));
    await expect.poll(() => engine.runs.get(runId)?.status, { timeout: 60_000, interval: 100 }).toBe('finished');
    const stored = value<StoredDecision[]>(await engine.dispatcher.dispatch('decisions.list', { runId, limit: 100_000 }));
    expect(stored.length).toBeGreaterThan(5_000);

    const strip = value<DecisionColumnsReply>(await engine.dispatcher.dispatch('decisions.columns', { runId }));
    expect(strip.time).toBeInstanceOf(Float64Array);
    expect(strip.score).toBeInstanceOf(Float32Array);
    expect(strip.time.length).toBe(stored.length);
    const actions = ['hold', 'buy', 'sell', 'exit'];
    stored.forEach((d, i) => {
      expect(strip.time[i]).toBe(d.time);
      expect(actions[strip.action[i]]).toBe(d.action);
      expect(strip.score[i]).toBe(Math.fround(d.score));
      expect(strip.veto[i]).toBe(d.veto ? 1 : 0);
    });
    expect(stored.some((d) => d.action !== 'hold')).toBe(true);

    const hourly = value<DecisionColumnsReply>(await engine.dispatcher.dispatch('decisions.columns', { runId, resolution: '1h' }));
    const buckets = new Map<number, StoredDecision[]>();
    for (const d of stored) buckets.set(Math.floor(d.time / HOUR) * HOUR, [...(buckets.get(Math.floor(d.time / HOUR) * HOUR) ?? []), d]);
    expect(hourly.time.length).toBe(buckets.size);
    [...buckets].forEach(([start, ds], i) => {
      expect(hourly.time[i]).toBe(start);
      const mean = ds.reduce((sum, d) => sum + Math.fround(d.score), 0) / ds.length;
      expect(hourly.score[i]).toBeCloseTo(mean, 5);
      expect(actions[hourly.action[i]]).toBe(ds.filter((d) => d.action !== 'hold').at(-1)?.action ?? 'hold');
      expect(hourly.veto[i]).toBe(ds.some((d) => d.veto) ? 1 : 0);
    });
  });
});
