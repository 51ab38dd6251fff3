// Hand-checkable behaviour: warm-up lengths, ranges, degenerate inputs and the documented choices (VWAP, Keltner).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as I from '../../../electron/engine/indicators';
import { allocateSeries } from '../../../electron/engine/model/candle-series';
import { arbitrarySeries } from './arbitrary-candles';

const F = (a: number[]) => Float64Array.from(a);
const firstValue = (a: Float64Array) => a.findIndex((v) => !Number.isNaN(v));

describe('indicator semantics', () => {
  it('returns all-NaN (same length) when the input is shorter than the warm-up, and handles empty input', () => {
    expect(Array.from(I.rsi(F([1, 2, 3]), 14)).every(Number.isNaN)).toBe(true);
    expect(I.sma(F([]), 5).length).toBe(0);
    expect(Array.from(I.macd(F([1, 2, 3])).hist).every(Number.isNaN)).toBe(true);
    expect(I.obv(F([]), F([])).length).toBe(0);
  });

  it('simple cases by hand', () => {
    expect(Array.from(I.sma(F([1, 2, 3, 4]), 2))).toEqual([NaN, 1.5, 2.5, 3.5]);
    expect(Array.from(I.ema(F([1, 2, 3, 4]), 3))).toEqual([NaN, NaN, 2, 3]);
    expect(Array.from(I.wma(F([1, 2, 3]), 3))).toEqual([NaN, NaN, 14 / 6]);
    expect(Array.from(I.roc(F([100, 110, 99]), 1))).toEqual([NaN, (110 / 100 - 1) * 100, (99 / 110 - 1) * 100]);
    expect(Array.from(I.obv(F([1, 2, 2, 1]), F([5, 3, 4, 2])))).toEqual([5, 8, 8, 6]);
  });

  it('a flat series gives RSI 0, zero-width bands, STOCH and Williams %R 0, CCI 0 (TA-Lib conventions)', () => {
    const flat = F(Array(40).fill(50));
    expect(I.rsi(flat, 14)[20]).toBe(0);
    const bb = I.bbands(flat);
    expect([bb.upper[30], bb.lower[30]]).toEqual([50, 50]);
    expect(I.stoch(flat, flat, flat).k[30]).toBe(0);
    expect(I.willr(flat, flat, flat)[30]).toBe(0);
    expect(I.cci(flat, flat, flat)[30]).toBe(0);
  });

  it('oscillators stay in range on random candles', () => {
    fc.assert(
      fc.property(arbitrarySeries(200), (s) => {
        const inRange = (a: Float64Array, lo: number, hi: number) => a.every((v) => Number.isNaN(v) || (v >= lo - 1e-9 && v <= hi + 1e-9));
        expect(inRange(I.rsi(s.close, 5), 0, 100)).toBe(true);
        const st = I.stoch(s.high, s.low, s.close, { fastK: 5, slowK: 3, slowD: 3 });
        expect(inRange(st.k, 0, 100) && inRange(st.d, 0, 100)).toBe(true);
        expect(inRange(I.willr(s.high, s.low, s.close, 5), -100, 0)).toBe(true);
        const dc = I.donchian(s.high, s.low, 5);
        expect(dc.upper.every((u, i) => Number.isNaN(u) || (u >= s.high[i] && dc.lower[i] <= s.low[i]))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('warm-up lengths follow TA-Lib lookbacks', () => {
    const s = allocateSeries(100);
    for (let i = 0; i < 100; i++) {
      s.close[i] = 100 + 10 * Math.sin(i / 3);
      s.high[i] = s.close[i] + 1 + (i % 3);
      s.low[i] = s.close[i] - 1 - (i % 2);
    }
    expect(firstValue(I.cci(s.high, s.low, s.close, 14))).toBe(13);
    expect(firstValue(I.willr(s.high, s.low, s.close, 14))).toBe(13);
    expect(firstValue(I.adx(s.high, s.low, s.close, 14).plusDI)).toBe(14);
    expect(firstValue(I.sar(s.high, s.low))).toBe(1);
    expect(firstValue(I.roc(s.close, 10))).toBe(10);
    expect(firstValue(I.keltner(s.high, s.low, s.close, { period: 20, atrPeriod: 10, multiplier: 2 }).upper)).toBe(19);
    expect(firstValue(I.keltner(s.high, s.low, s.close, { period: 5, atrPeriod: 10, multiplier: 2 }).upper)).toBe(10);
  });

  it('keltner = EMA(close) ± multiplier x ATR', () => {
    const s = allocateSeries(60);
    for (let i = 0; i < 60; i++) {
      s.close[i] = 100 + (i % 7);
      s.high[i] = s.close[i] + 2;
      s.low[i] = s.close[i] - 1;
    }
    const k = I.keltner(s.high, s.low, s.close, { period: 20, atrPeriod: 10, multiplier: 1.5 });
    const e = I.ema(s.close, 20);
    const a = I.atr(s.high, s.low, s.close, 10);
    expect(k.middle[40]).toBe(e[40]);
    expect(k.upper[40]).toBe(e[40] + 1.5 * a[40]);
  });

  it('vwap accumulates over the whole series by default and resets at UTC midnight with sessionHours=24', () => {
    const day = 86_400_000;
    const bars = { time: F([day - 3_600_000, day, day + 3_600_000]), high: F([12, 22, 32]), low: F([9, 19, 29]), close: F([9, 19, 29]), volume: F([1, 1, 3]) };
    expect(Array.from(I.vwap(bars))).toEqual([10, 15, (10 + 20 + 90) / 5]);
    expect(Array.from(I.vwap(bars, 24))).toEqual([10, 20, (20 + 90) / 4]);
    expect(Number.isNaN(I.vwap({ ...bars, volume: F([0, 0, 0]) })[2])).toBe(true);
  });
});
