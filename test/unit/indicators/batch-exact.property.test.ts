// The optimised batch RSI/EMA/MACD/ATR must equal, bit for bit, the straightforward code they replaced (kept below).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atr, ema, macd, rsi, type MacdParams } from '../../../electron/engine/indicators';
import { arbitrarySeries } from './arbitrary-candles';

// ---- Reference implementations: the pre-optimisation code, verbatim apart from names. ----

function nanArray(n: number): Float64Array {
  return new Float64Array(n).fill(NaN);
}

function taIsZero(v: number): boolean {
  return v > -0.00000001 && v < 0.00000001;
}

function refRsiValue(gain: number, loss: number): number {
  const total = gain + loss;
  return taIsZero(total) ? 0 : 100 * (gain / total);
}

function refRsi(values: Float64Array, period: number): Float64Array {
  const n = values.length;
  const out = nanArray(n);
  if (n <= period) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const d = values[i] - values[i - 1];
    if (d < 0) loss -= d;
    else gain += d;
  }
  loss /= period;
  gain /= period;
  out[period] = refRsiValue(gain, loss);
  const keep = period - 1;
  for (let i = period + 1; i < n; i++) {
    const d = values[i] - values[i - 1];
    loss *= keep;
    gain *= keep;
    if (d < 0) loss -= d;
    else gain += d;
    loss /= period;
    gain /= period;
    out[i] = refRsiValue(gain, loss);
  }
  return out;
}

function refEmaInto(src: Float64Array, seedStart: number, period: number, out: Float64Array): void {
  const n = src.length;
  const first = seedStart + period - 1;
  if (first >= n) return;
  const k = 2.0 / (period + 1);
  let sum = 0;
  for (let i = seedStart; i <= first; i++) sum += src[i];
  let prev = sum / period;
  out[first] = prev;
  for (let i = first + 1; i < n; i++) {
    prev = (src[i] - prev) * k + prev;
    out[i] = prev;
  }
}

function refEma(values: Float64Array, period: number): Float64Array {
  const out = nanArray(values.length);
  refEmaInto(values, 0, period, out);
  return out;
}

function refMacd(values: Float64Array, { fastPeriod, slowPeriod, signalPeriod }: MacdParams): Float64Array[] {
  const n = values.length;
  const line = nanArray(n);
  const signal = nanArray(n);
  const hist = nanArray(n);
  const start = slowPeriod - 1;
  const lookback = slowPeriod - 1 + signalPeriod - 1;
  if (n <= lookback) return [line, signal, hist];
  refEmaInto(values, 0, slowPeriod, signal);
  refEmaInto(values, slowPeriod - fastPeriod, fastPeriod, hist);
  for (let i = start; i < n; i++) line[i] = hist[i] - signal[i];
  signal.fill(NaN);
  refEmaInto(line, start, signalPeriod, signal);
  line.fill(NaN, 0, lookback);
  hist.fill(NaN, 0, lookback);
  for (let i = lookback; i < n; i++) hist[i] = line[i] - signal[i];
  return [line, signal, hist];
}

function refTrueRange(high: number, low: number, prevClose: number): number {
  let greatest = high - low;
  const up = Math.abs(prevClose - high);
  if (up > greatest) greatest = up;
  const down = Math.abs(prevClose - low);
  if (down > greatest) greatest = down;
  return greatest;
}

function refAtr(high: Float64Array, low: Float64Array, close: Float64Array, period: number): Float64Array {
  const n = close.length;
  const out = nanArray(n);
  if (n <= period) return out;
  let total = 0;
  for (let i = 1; i <= period; i++) total += refTrueRange(high[i], low[i], close[i - 1]);
  let prev = total / period;
  out[period] = prev;
  for (let i = period + 1; i < n; i++) {
    prev *= period - 1;
    prev += refTrueRange(high[i], low[i], close[i - 1]);
    prev /= period;
    out[i] = prev;
  }
  return out;
}

// ---- Exact comparison: raw 64-bit patterns, so -0 vs +0 and NaN payloads count as differences too. ----

function firstBitDifference(ours: Float64Array, ref: Float64Array): string | undefined {
  if (ours.length !== ref.length) return `length ${ours.length} vs ${ref.length}`;
  const a = new BigUint64Array(ours.buffer, ours.byteOffset, ours.length);
  const b = new BigUint64Array(ref.buffer, ref.byteOffset, ref.length);
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return `[${i}] ours ${ours[i]} (0x${a[i].toString(16)}) ref ${ref[i]} (0x${b[i].toString(16)})`;
  }
  return undefined;
}

// ---- Inputs: anything a Float64Array can hold, price walks, flat runs and zeros. ----

const fromArray = (a: number[]) => Float64Array.from(a);
/** Every double, including NaN, ±Infinity, ±0, subnormals and values near the overflow edge. */
const anyDoubles = fc.float64Array({ maxLength: 60 });
const priceWalk = fc
  .tuple(fc.double({ min: 0.01, max: 1e5, noNaN: true }), fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { maxLength: 150 }))
  .map(([start, moves]) => {
    let price = start;
    return Float64Array.from(moves, (m) => (price *= 1 + m));
  });
const flat = fc
  .tuple(fc.constantFrom(0, -0, 1, 30_000, 5e-324, 1e-9), fc.nat({ max: 60 }))
  .map(([v, n]) => new Float64Array(n).fill(v));
/** Long flat stretches broken by a few steps, plus signed zeros: exercises TA-Lib's zero guard and +0/-0 handling. */
const stepsAndZeros = fc.array(fc.constantFrom(0, -0, 0, 7, 7, 7, 7, 8, -1e-9, 1e308, -1e308), { maxLength: 60 }).map(fromArray);
const anySeries = fc.oneof(anyDoubles, priceWalk, flat, stepsAndZeros);
const period = fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 30 }));
const macdParams = fc
  .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 6 }))
  .map(([fast, extra, signal]): MacdParams => ({ fastPeriod: fast, slowPeriod: fast + extra, signalPeriod: signal }));

/** Three equal-length columns of arbitrary doubles, or a valid candle series. */
const hlc = fc.oneof(
  fc
    .nat({ max: 50 })
    .chain((n) => fc.tuple(...[0, 1, 2].map(() => fc.float64Array({ minLength: n, maxLength: n })))),
  arbitrarySeries().map((s) => [s.high, s.low, s.close]),
);

const RUNS = { numRuns: 400 };

describe('optimised batch indicators are bit-identical to the reference code', () => {
  it('RSI', () => {
    fc.assert(
      fc.property(anySeries, period, (values, p) => {
        expect(firstBitDifference(rsi(values, p), refRsi(values, p))).toBeUndefined();
      }),
      RUNS,
    );
  });

  it('EMA', () => {
    fc.assert(
      fc.property(anySeries, period, (values, p) => {
        expect(firstBitDifference(ema(values, p), refEma(values, p))).toBeUndefined();
      }),
      RUNS,
    );
  });

  it('MACD line, signal and histogram', () => {
    fc.assert(
      fc.property(anySeries, macdParams, (values, params) => {
        const ours = macd(values, params);
        const [line, signal, hist] = refMacd(values, params);
        expect(firstBitDifference(ours.macd, line)).toBeUndefined();
        expect(firstBitDifference(ours.signal, signal)).toBeUndefined();
        expect(firstBitDifference(ours.hist, hist)).toBeUndefined();
      }),
      RUNS,
    );
  });

  it('ATR', () => {
    fc.assert(
      fc.property(hlc, period, ([high, low, close], p) => {
        expect(firstBitDifference(atr(high, low, close, p), refAtr(high, low, close, p))).toBeUndefined();
      }),
      RUNS,
    );
  });

  it('all four on a long walk with default periods (well past JIT tier-up)', () => {
    const close = new Float64Array(20_000);
    let price = 30_000;
    for (let i = 0; i < close.length; i++) close[i] = price *= 1 + Math.sin(i * 12.9898) * 0.01;
    const high = close.map((c, i) => c * (1 + (i % 7) * 1e-3));
    const low = close.map((c, i) => c * (1 - (i % 5) * 1e-3));
    const defaults: MacdParams = { fastPeriod: 12, slowPeriod: 26, signalPeriod: 9 };
    expect(firstBitDifference(rsi(close, 14), refRsi(close, 14))).toBeUndefined();
    expect(firstBitDifference(ema(close, 30), refEma(close, 30))).toBeUndefined();
    const ours = macd(close, defaults);
    const ref = refMacd(close, defaults);
    expect([ours.macd, ours.signal, ours.hist].map((a, i) => firstBitDifference(a, ref[i]))).toEqual([undefined, undefined, undefined]);
    expect(firstBitDifference(atr(high, low, close, 14), refAtr(high, low, close, 14))).toBeUndefined();
  });

  it('RSI takes the exact fallback for changes too large to split without overflow', () => {
    const values = fromArray([0, 1e308, -1e308, 1.7e308, 0, -1.7e308, Infinity, 3, NaN, 4, 5, 5, -0, 0, 6]);
    for (const p of [1, 2, 3]) expect(firstBitDifference(rsi(values, p), refRsi(values, p))).toBeUndefined();
  });
});
