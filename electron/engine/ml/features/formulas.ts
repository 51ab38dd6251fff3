// Every feature value is one of these formulas applied to indicator outputs. Batch and stream call the same
// functions on the same float64 inputs, so their rows agree bit for bit after the float32 cast.
//
// Convention: NaN in, NaN out (warm-up stays visible); a zero denominator on valid data gets a neutral value named
// by the caller (a flat market has no position in its range), never Infinity, which float32 would keep.
import type { RegimeLabel } from '../../agents/types';

/**
 * num / den when den > 0; `ifZero` when den is exactly 0 and num is defined; NaN otherwise (NaN or negative den,
 * which valid candles never give).
 */
export function ratio(num: number, den: number, ifZero: number): number {
  if (den > 0) return num / den;
  return den === 0 && !Number.isNaN(num) ? ifZero : NaN;
}

/** Sums of non-negative values kept by add/subtract can end a hair below 0; that is 0, not "undefined". */
export function nonNegative(x: number): number {
  return x < 0 ? 0 : x;
}

/** Oscillators reported on 0..100 (RSI, Stoch, ADX, DI, Williams %R, CCI's ±100 bands, ROC %) as fractions. */
export function fromPercent(x: number): number {
  return x / 100;
}

/** ln(now / past); NaN unless both prices are positive (so no -Infinity from a zero price). */
export function logReturn(now: number, past: number): number {
  return now > 0 && past > 0 ? Math.log(now / past) : NaN;
}

/** A price-valued quantity (MACD, ATR) as a fraction of the close: the same number on a $0.01 coin and on BTC. */
export function perPrice(x: number, price: number): number {
  return price > 0 ? x / price : NaN;
}

/** How far the price is above (+) or below (−) a level, as a fraction of the level. */
export function distance(price: number, level: number): number {
  return level > 0 ? price / level - 1 : NaN;
}

/** Where x sits in [lower, upper]: 0 at lower, 1 at upper (outside the band goes past); 0.5 for a zero-width band. */
export function position(x: number, lower: number, upper: number): number {
  return ratio(x - lower, upper - lower, 0.5);
}

/** Band width relative to a price level. */
export function width(lower: number, upper: number, level: number): number {
  return ratio(upper - lower, level, NaN);
}

/** Standard score; 0 when the window has no spread (the value equals the mean then). */
export function zScore(x: number, mean: number, std: number): number {
  return ratio(x - mean, std, 0);
}

/**
 * VWAP distance; a session with no volume yet has no VWAP, and the price is then taken to sit at its own average (0)
 * rather than leave a hole in the row after warm-up.
 */
export function vwapDistance(close: number, vwap: number): number {
  return Number.isNaN(vwap) ? 0 : distance(close, vwap);
}

const PARKINSON = 1 / (4 * Math.LN2);

/** Parkinson volatility from the mean squared log range: sqrt(mean(ln(h/l)²) / (4 ln 2)). */
export function parkinson(meanSquaredLogRange: number): number {
  return Math.sqrt(nonNegative(meanSquaredLogRange) * PARKINSON);
}

/** Squared log range of one bar (the Parkinson estimator's input). */
export function squaredLogRange(high: number, low: number): number {
  const r = logReturn(high, low);
  return r * r;
}

/** Signed body over range: +1 a full-range up bar, −1 a full-range down bar, 0 for a doji or a bar with no range. */
export function bodyShare(open: number, high: number, low: number, close: number): number {
  return ratio(close - open, high - low, 0);
}

export function upperWickShare(open: number, high: number, low: number, close: number): number {
  return ratio(high - Math.max(open, close), high - low, 0);
}

export function lowerWickShare(open: number, high: number, low: number, close: number): number {
  return ratio(Math.min(open, close) - low, high - low, 0);
}

/** Kaufman's efficiency, signed: net move over the path travelled, in [−1, 1]; 0 when nothing moved. */
export function efficiency(netMove: number, path: number): number {
  return ratio(netMove, nonNegative(path), 0);
}

const DAY_MS = 86_400_000;
const TAU = 2 * Math.PI;

/** Fraction of the UTC day elapsed at `time` (ms), in [0, 1). */
export function dayFraction(time: number): number {
  const t = time % DAY_MS;
  return (t < 0 ? t + DAY_MS : t) / DAY_MS;
}

/** UTC day of the week as a fraction of the week: Monday 0, Sunday 6/7 (1970-01-01 was a Thursday, day 3). */
export function weekFraction(time: number): number {
  const day = Math.floor(time / DAY_MS);
  return ((((day + 3) % 7) + 7) % 7) / 7;
}

/** Cyclic time as a point on the circle, so 23:59 sits next to 00:00 and Sunday next to Monday. */
export function cycleSin(fraction: number): number {
  return Math.sin(TAU * fraction);
}

export function cycleCos(fraction: number): number {
  return Math.cos(TAU * fraction);
}

/** One-hot of the regime label; NaN for every slot while the Regime agent is warming up (it abstains then). */
export function oneHot(label: RegimeLabel | undefined, slot: RegimeLabel): number {
  return label === undefined ? NaN : label === slot ? 1 : 0;
}
