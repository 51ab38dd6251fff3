// The chart's indicators through the assembled engine's contract, on real BTC/USDT 1h candles: the registry listed with
// where each indicator is drawn, a mid-dataset window computed with warm-up equal to TA-Lib's C output over the whole
// file, aggregated resolutions equal to the engine's own functions on the resampled series, bar for bar with
// `candles.get`, and bad params refused naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../../shared/contract';
import type { IndicatorInfo, IndicatorSeriesReply } from '../../../shared/indicators-contract';
import type { CandlesReply } from '../../../shared/runs-contract';
import type { Engine } from '../../../electron/engine/engine';
import { CandleStore } from '../../../electron/engine/data/candle-store';
import { importCandleFile } from '../../../electron/engine/data/import-files';
import { resample } from '../../../electron/engine/data/resample';
import { getIndicator, indicatorNames } from '../../../electron/engine/indicators/registry';
import { hasSharedData, SHARED_SKIP_REASON, sharedPath } from '../../shared-data';
import { loadTalibReference, mismatches, type TalibReference } from '../../reference/indicators/talib-fixture';
import { startTestEngine } from '../../support/engine';
import { tempDir } from '../../support/temp';

const KEY = { exchange: 'local', symbol: 'BTC/USDT', timeframe: '1h' } as const;

function value<T>(r: Reply): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

describe.skipIf(!hasSharedData)(`indicators for the chart through the contract${hasSharedData ? '' : ` (${SHARED_SKIP_REASON})`}`, () => {
  const dir = tempDir();
  let engine: Engine;
  let ref: TalibReference;
  const series = (req: Record<string, unknown>) => engine.dispatcher.dispatch('indicators.series', { ...KEY, maxBars: 10_000, ...req });

  beforeAll(async () => {
    engine = startTestEngine(dir);
    await engine.ready;
    await importCandleFile(new CandleStore(engine.store.db), sharedPath('data', 'Pr4v33n23-freqtrade', 'BTC_USDT-1h.json.gz'), { exchange: 'local' });
    ref = loadTalibReference().ref;
  }, 60_000);
  afterAll(() => engine?.close());

  it('lists every registry indicator with its kind, outputs and default params', async () => {
    const list = value<IndicatorInfo[]>(await engine.dispatcher.dispatch('indicators.list', {}));
    expect(list.map((i) => i.name)).toEqual(indicatorNames());
    const byName = new Map(list.map((i) => [i.name, i]));
    for (const name of ['sma', 'ema', 'bbands', 'vwap', 'keltner']) expect(byName.get(name)?.kind, name).toBe('overlay');
    for (const name of ['rsi', 'macd', 'stoch', 'adx']) expect(byName.get(name)?.kind, name).toBe('pane');
    expect(byName.get('macd')).toMatchObject({ outputs: ['macd', 'signal', 'hist'], params: { fastPeriod: 12, slowPeriod: 26, signalPeriod: 9 } });
    expect(byName.get('bbands')).toMatchObject({ outputs: ['upper', 'middle', 'lower'], params: { period: 20, stdDev: 2 } });
  });

  it('computes a window in the middle of the dataset with warm-up, equal to TA-Lib over the whole file', async () => {
    const [a, b] = [2_000, 3_000];
    const range = { from: ref.timestamp[a], to: ref.timestamp[b], resolution: '1h' };
    const candles = value<CandlesReply>(await engine.dispatcher.dispatch('candles.get', { ...KEY, ...range, maxBars: 10_000 }));
    const cases = [
      ['sma', { period: 20 }, { value: ref.SMA_20 }],
      ['ema', { period: 12 }, { value: ref.EMA_12 }],
      ['ema', { period: 26 }, { value: ref.EMA_26 }],
      ['rsi', {}, { value: ref.RSI_14 }],
      ['atr', { period: 14 }, { value: ref.ATR_14 }],
      ['adx', {}, { adx: ref.ADX_14 }],
      ['macd', {}, ref.MACD_12_26_9],
      ['bbands', { period: 20, stdDev: 2 }, ref.BBANDS_20_2],
      ['stoch', {}, { k: ref.STOCH_14_3_3.slowk, d: ref.STOCH_14_3_3.slowd }],
    ] as const;
    for (const [name, params, want] of cases) {
      const reply = value<IndicatorSeriesReply>(await series({ ...range, name, params }));
      expect(reply.resolution).toBe('1h');
      expect(Array.from(reply.time), name).toEqual(Array.from(candles.time));
      expect(reply.warmUpBars, name).toBeGreaterThan(0);
      for (const [output, column] of Object.entries(want)) {
        const got = reply.outputs.find((o) => o.name === output);
        expect(got?.values, `${name}.${output}`).toBeInstanceOf(Float64Array);
        expect(mismatches(got!.values, column.slice(a, b)), `${name}.${output}`).toEqual([]);
      }
    }
  });

  it('leaves the warm-up bars NaN where the dataset begins, like TA-Lib', async () => {
    const reply = value<IndicatorSeriesReply>(await series({ to: ref.timestamp[500], resolution: '1h', name: 'rsi', params: { period: 14 } }));
    expect(reply.warmUpBars).toBe(0);
    expect(reply.time.length).toBe(500);
    expect(mismatches(reply.outputs[0].values, ref.RSI_14.slice(0, 500))).toEqual([]);
    expect(Number.isNaN(reply.outputs[0].values[13])).toBe(true);
  });

  it('at a coarser resolution equals the registry on the resampled whole series, bar for bar with candles.get', async () => {
    const whole = resample(new CandleStore(engine.store.db).load(KEY), '1h', '4h');
    const from = whole.time[600];
    const to = whole.time[1_100];
    const candles = value<CandlesReply>(await engine.dispatcher.dispatch('candles.get', { ...KEY, from, to, resolution: '4h', maxBars: 300 }));
    expect(candles.time.length).toBe(300);
    for (const [name, params] of [['ema', { period: 50 }], ['keltner', {}], ['vwap', { sessionHours: 24 }], ['obv', {}], ['stoch', { fastK: 21 }], ['macd', { fastPeriod: 8, slowPeriod: 21, signalPeriod: 5 }]] as const) {
      const reply = value<IndicatorSeriesReply>(await series({ from, to, resolution: '4h', maxBars: 300, name, params }));
      expect(Array.from(reply.time), name).toEqual(Array.from(candles.time));
      const expected = getIndicator(name).batch(whole, params);
      for (const { name: output, values } of reply.outputs) {
        const want = Array.from(expected[output].subarray(800, 1_100), (v) => (Number.isNaN(v) ? null : v));
        expect(mismatches(values, want), `${name}.${output}`).toEqual([]);
      }
    }
  });

  it('refuses bad params, an unknown indicator and a bad resolution, naming the field', async () => {
    const refused = async (req: Record<string, unknown>) => {
      const reply = await series({ resolution: '1h', ...req });
      if (reply.ok) throw new Error(`accepted ${JSON.stringify(req)}`);
      return reply.error;
    };
    expect(await refused({ name: 'rsi', params: { period: 0 } })).toMatchObject({ code: 'CONFIG_INVALID', field: 'params.period', message: expect.stringContaining('period must be an integer >= ') });
    expect(await refused({ name: 'rsi', params: { period: 2.5 } })).toMatchObject({ code: 'CONFIG_INVALID', field: 'params.period' });
    expect(await refused({ name: 'rsi', params: { length: 14 } })).toMatchObject({ code: 'CONFIG_INVALID', field: 'params.length', message: expect.stringContaining('accepted: period') });
    expect(await refused({ name: 'macd', params: { fastPeriod: 30 } })).toMatchObject({ code: 'CONFIG_INVALID', field: 'params.fastPeriod' });
    expect(await refused({ name: 'bbands', params: { stdDev: -1 } })).toMatchObject({ code: 'CONFIG_INVALID', field: 'params.stdDev' });
    expect(await refused({ name: 'nope' })).toMatchObject({ code: 'CONFIG_INVALID', field: 'name', message: expect.stringContaining('known: adx') });
    expect(await refused({ name: 'rsi', params: { period: 'x' } })).toMatchObject({ code: 'INVALID_PAYLOAD', field: 'params.period' });
    expect(await refused({ name: 'rsi', params: { period: 1e9 } })).toMatchObject({ code: 'INVALID_PAYLOAD', field: 'params.period' });
    expect(await refused({ name: 'rsi', resolution: '1M' })).toMatchObject({ code: 'DATA_BAD_RESOLUTION', field: 'resolution' });
  });
});
