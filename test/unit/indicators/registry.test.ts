// The registry is what the CLI talks to: lookup by lower-case name, defaults, and ConfigErrors naming the bad param.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../electron/engine/errors';
import { allocateSeries, candleAt } from '../../../electron/engine/model/candle-series';
import { getIndicator, INDICATORS, indicatorNames, parseParamArgs } from '../../../electron/engine/indicators';

const EXPECTED = ['adx', 'atr', 'bbands', 'cci', 'donchian', 'ema', 'keltner', 'macd', 'obv', 'roc', 'rsi', 'sar', 'sma', 'stoch', 'vwap', 'willr', 'wma'];

function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('indicator registry', () => {
  it('lists every indicator under its lower-case name', () => {
    expect(indicatorNames()).toEqual(EXPECTED);
    for (const name of EXPECTED) expect(INDICATORS[name].name).toBe(name);
  });

  it('looks names up case-insensitively', () => {
    expect(getIndicator('RSI')).toBe(INDICATORS.rsi);
  });

  it('rejects an unknown indicator, naming it', () => {
    const err = configErrorOf(() => getIndicator('ichimoku'));
    expect(err.message).toContain('ichimoku');
    expect(err.details.field).toBe('name');
  });

  it('batch outputs cover exactly the declared outputs, each as long as the input', () => {
    const s = allocateSeries(50);
    for (let i = 0; i < 50; i++) {
      s.time[i] = i * 3_600_000;
      s.open[i] = s.close[i] = 100 + Math.sin(i);
      s.high[i] = s.close[i] + 1;
      s.low[i] = s.close[i] - 1;
      s.volume[i] = 10;
    }
    for (const spec of Object.values(INDICATORS)) {
      const out = spec.batch(s);
      expect(Object.keys(out).sort()).toEqual([...spec.outputs].sort());
      for (const key of spec.outputs) expect(out[key].length).toBe(50);
      expect(Object.keys(spec.stream().update(candleAt(s, 0))).sort()).toEqual([...spec.outputs].sort());
    }
  });

  it('rejects an unknown param, naming it', () => {
    const err = configErrorOf(() => getIndicator('rsi').stream({ lenght: 14 }));
    expect(err.message).toContain('lenght');
    expect(err.details.field).toBe('lenght');
  });

  it.each([
    ['rsi', 'period', 0],
    ['sma', 'period', -3],
    ['ema', 'period', 2.5],
    ['macd', 'signalPeriod', 0],
    ['stoch', 'slowD', -1],
    ['bbands', 'stdDev', 0],
    ['keltner', 'atrPeriod', 0],
    ['sar', 'maximum', -0.2],
    ['vwap', 'sessionHours', 5],
  ])('%s rejects %s=%s with a ConfigError naming the param and value', (name, param, value) => {
    for (const run of [() => getIndicator(name).stream({ [param]: value }), () => getIndicator(name).batch(allocateSeries(0), { [param]: value })]) {
      const err = configErrorOf(run);
      expect(err.message).toContain(param);
      expect(err.message).toContain(String(value));
      expect(err.details).toMatchObject({ field: param, value });
    }
  });

  it('rejects reversed MACD periods and SAR acceleration above its maximum', () => {
    expect(configErrorOf(() => getIndicator('macd').stream({ fastPeriod: 26, slowPeriod: 12 })).details.field).toBe('fastPeriod');
    expect(configErrorOf(() => getIndicator('sar').stream({ acceleration: 0.3 })).details.field).toBe('acceleration');
  });

  it('parses CLI key=value pairs', () => {
    expect(parseParamArgs(['period=14', ' stdDev = 2.5 '])).toEqual({ period: 14, stdDev: 2.5 });
    expect(configErrorOf(() => parseParamArgs(['period'])).message).toContain('period');
    expect(configErrorOf(() => parseParamArgs(['period=abc'])).details.field).toBe('period');
  });
});
