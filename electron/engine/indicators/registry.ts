// Lower-case name → indicator spec, so the CLI and agents can look up, validate and run any indicator.
import { ConfigError } from '../errors';
import { adx, AdxStream } from './adx';
import { atr, AtrStream } from './atr';
import { bbands, BbandsStream } from './bbands';
import { cci, CciStream } from './cci';
import { donchian, DonchianStream } from './donchian';
import { ema, EmaStream } from './ema';
import { keltner, KeltnerStream } from './keltner';
import { macd, MacdStream } from './macd';
import { obv, ObvStream } from './obv';
import { defineIndicator, valueStream, type IndicatorSpec, type ParamValues } from './registry-types';
import { roc, RocStream } from './roc';
import { rsi, RsiStream } from './rsi';
import { sar, SarStream } from './sar';
import { sma, SmaStream } from './sma';
import { stoch, StochStream } from './stoch';
import { vwap, VwapStream } from './vwap';
import { willr, WillrStream } from './willr';
import { wma, WmaStream } from './wma';

const VALUE = ['value'] as const;
const BANDS = ['upper', 'middle', 'lower'] as const;

const macdParams = (p: ParamValues) => ({
  fastPeriod: p.fastPeriod,
  slowPeriod: p.slowPeriod,
  signalPeriod: p.signalPeriod,
});
const stochParams = (p: ParamValues) => ({ fastK: p.fastK, slowK: p.slowK, slowD: p.slowD });
const bbandsParams = (p: ParamValues) => ({ period: p.period, stdDev: p.stdDev });
const keltnerParams = (p: ParamValues) => ({ period: p.period, atrPeriod: p.atrPeriod, multiplier: p.multiplier });
const sarParams = (p: ParamValues) => ({ acceleration: p.acceleration, maximum: p.maximum });

const closeAverages: IndicatorSpec[] = [
  defineIndicator('sma', 'Simple moving average of close', { period: 20 }, VALUE,
    (s, p) => ({ value: sma(s.close, p.period) }),
    (p) => { const st = new SmaStream(p.period); return valueStream((b) => st.update(b.close)); }),
  defineIndicator('ema', 'Exponential moving average of close, SMA-seeded (TA-Lib)', { period: 20 }, VALUE,
    (s, p) => ({ value: ema(s.close, p.period) }),
    (p) => { const st = new EmaStream(p.period); return valueStream((b) => st.update(b.close)); }),
  defineIndicator('wma', 'Linearly weighted moving average of close', { period: 20 }, VALUE,
    (s, p) => ({ value: wma(s.close, p.period) }),
    (p) => { const st = new WmaStream(p.period); return valueStream((b) => st.update(b.close)); }),
];

const oscillators: IndicatorSpec[] = [
  defineIndicator('rsi', "Wilder's relative strength index of close", { period: 14 }, VALUE,
    (s, p) => ({ value: rsi(s.close, p.period) }),
    (p) => { const st = new RsiStream(p.period); return valueStream((b) => st.update(b.close)); }),
  defineIndicator('macd', 'MACD line, signal and histogram (TA-Lib alignment)',
    { fastPeriod: 12, slowPeriod: 26, signalPeriod: 9 }, ['macd', 'signal', 'hist'],
    (s, p) => macd(s.close, macdParams(p)),
    (p) => { const st = new MacdStream(macdParams(p)); return { update: (b) => st.update(b.close) }; }),
  defineIndicator('stoch', 'Slow stochastic %K/%D with SMA smoothing (TA-Lib STOCH)',
    { fastK: 14, slowK: 3, slowD: 3 }, ['k', 'd'],
    (s, p) => stoch(s.high, s.low, s.close, stochParams(p)),
    (p) => { const st = new StochStream(stochParams(p)); return { update: (b) => st.update(b) }; }),
  defineIndicator('roc', 'Rate of change of close, percent', { period: 10 }, VALUE,
    (s, p) => ({ value: roc(s.close, p.period) }),
    (p) => { const st = new RocStream(p.period); return valueStream((b) => st.update(b.close)); }),
  defineIndicator('cci', 'Commodity channel index of typical price', { period: 14 }, VALUE,
    (s, p) => ({ value: cci(s.high, s.low, s.close, p.period) }),
    (p) => { const st = new CciStream(p.period); return valueStream((b) => st.update(b)); }),
  defineIndicator('willr', 'Williams %R, -100..0', { period: 14 }, VALUE,
    (s, p) => ({ value: willr(s.high, s.low, s.close, p.period) }),
    (p) => { const st = new WillrStream(p.period); return valueStream((b) => st.update(b)); }),
];

const trendAndVolatility: IndicatorSpec[] = [
  defineIndicator('bbands', 'Bollinger Bands: SMA ± stdDev x population stddev', { period: 20, stdDev: 2 }, BANDS,
    (s, p) => bbands(s.close, bbandsParams(p)),
    (p) => { const st = new BbandsStream(bbandsParams(p)); return { update: (b) => st.update(b.close) }; }),
  defineIndicator('atr', "Wilder's average true range", { period: 14 }, VALUE,
    (s, p) => ({ value: atr(s.high, s.low, s.close, p.period) }),
    (p) => { const st = new AtrStream(p.period); return valueStream((b) => st.update(b)); }),
  defineIndicator('adx', 'Average directional index with +DI and -DI', { period: 14 }, ['adx', 'plusDI', 'minusDI'],
    (s, p) => adx(s.high, s.low, s.close, p.period),
    (p) => { const st = new AdxStream(p.period); return { update: (b) => st.update(b) }; }),
  defineIndicator('donchian', 'Donchian channel: highest high / lowest low', { period: 20 }, BANDS,
    (s, p) => donchian(s.high, s.low, p.period),
    (p) => { const st = new DonchianStream(p.period); return { update: (b) => st.update(b) }; }),
  defineIndicator('keltner', 'Keltner channel: EMA(close) ± multiplier x ATR',
    { period: 20, atrPeriod: 10, multiplier: 2 }, BANDS,
    (s, p) => keltner(s.high, s.low, s.close, keltnerParams(p)),
    (p) => { const st = new KeltnerStream(keltnerParams(p)); return { update: (b) => st.update(b) }; }),
  defineIndicator('sar', 'Parabolic SAR (TA-Lib semantics)', { acceleration: 0.02, maximum: 0.2 }, VALUE,
    (s, p) => ({ value: sar(s.high, s.low, sarParams(p)) }),
    (p) => { const st = new SarStream(sarParams(p)); return valueStream((b) => st.update(b)); }),
];

const volume: IndicatorSpec[] = [
  defineIndicator('obv', 'On-balance volume (TA-Lib: starts at the first volume)', {}, VALUE,
    (s) => ({ value: obv(s.close, s.volume) }),
    () => { const st = new ObvStream(); return valueStream((b) => st.update(b)); }),
  defineIndicator('vwap', 'VWAP of typical price; sessionHours 0 = whole series, 24 = daily UTC reset',
    { sessionHours: 0 }, VALUE,
    (s, p) => ({ value: vwap(s, p.sessionHours) }),
    (p) => { const st = new VwapStream(p.sessionHours); return valueStream((b) => st.update(b)); }),
];

export const INDICATORS: Readonly<Record<string, IndicatorSpec>> = Object.freeze(
  Object.fromEntries([...closeAverages, ...oscillators, ...trendAndVolatility, ...volume].map((s) => [s.name, s])),
);

export function indicatorNames(): string[] {
  return Object.keys(INDICATORS).sort();
}

/** Looks an indicator up by name (case-insensitive); an unknown name fails listing the known ones. */
export function getIndicator(name: string): IndicatorSpec {
  const spec = Object.hasOwn(INDICATORS, name.toLowerCase()) ? INDICATORS[name.toLowerCase()] : undefined;
  if (!spec) {
    throw new ConfigError(`unknown indicator ${name} (known: ${indicatorNames().join(', ')})`, 'CONFIG_INVALID', {
      field: 'name',
      value: name,
    });
  }
  return spec;
}
