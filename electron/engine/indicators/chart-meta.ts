// How the chart shows each registry indicator (over the price or in a pane of its own) and how many bars before the
// first one shown it must be computed over, so a value on screen equals the one computed from the dataset's start.
import type { IndicatorKind } from '../../../shared/indicators-contract';
import type { ParamValues } from './registry-types';

/** Recursive smoothing forgets its seed as (1 − α)^k: 40 time constants leave e^-40 ≈ 4e-18 of it, below a double's precision. */
const SETTLE = 40;

interface ChartMeta {
  kind: IndicatorKind;
  /** Bars of history needed; Infinity for cumulative indicators (they run from the dataset's first bar). */
  warmUp(p: ParamValues, barMs: number): number;
}

const windowed = (kind: IndicatorKind, ...keys: string[]): ChartMeta => ({ kind, warmUp: (p) => keys.reduce((n, k) => n + p[k], 1) });
/** EMA (α = 2/(n+1), time constant (n+1)/2) and Wilder smoothing (α = 1/n, time constant n). */
const emaBars = (n: number) => SETTLE * Math.ceil((n + 1) / 2);
const wilderBars = (n: number) => SETTLE * n;

export const CHART_META: Readonly<Record<string, ChartMeta>> = {
  sma: windowed('overlay', 'period'),
  wma: windowed('overlay', 'period'),
  ema: { kind: 'overlay', warmUp: (p) => emaBars(p.period) },
  bbands: windowed('overlay', 'period'),
  donchian: windowed('overlay', 'period'),
  keltner: { kind: 'overlay', warmUp: (p) => Math.max(emaBars(p.period), wilderBars(p.atrPeriod)) },
  // SAR restarts at every reversal, so a thousand bars hold several; before the first one the trend guess may differ.
  sar: { kind: 'overlay', warmUp: () => 1_000 },
  // Anchored at a UTC session start (sessionHours 0 = the whole dataset).
  vwap: { kind: 'overlay', warmUp: (p, barMs) => (p.sessionHours > 0 ? Math.ceil((p.sessionHours * 3_600_000) / barMs) + 1 : Infinity) },
  rsi: { kind: 'pane', warmUp: (p) => wilderBars(p.period) },
  macd: { kind: 'pane', warmUp: (p) => emaBars(p.slowPeriod) + emaBars(p.signalPeriod) },
  stoch: windowed('pane', 'fastK', 'slowK', 'slowD'),
  adx: { kind: 'pane', warmUp: (p) => 2 * wilderBars(p.period) },
  atr: { kind: 'pane', warmUp: (p) => wilderBars(p.period) },
  roc: windowed('pane', 'period'),
  cci: windowed('pane', 'period'),
  willr: windowed('pane', 'period'),
  obv: { kind: 'pane', warmUp: () => Infinity },
};

/** The indicator's chart meta; an indicator the chart does not know yet goes in a pane over the whole history. */
export function chartMeta(name: string): ChartMeta {
  return Object.hasOwn(CHART_META, name) ? CHART_META[name] : { kind: 'pane', warmUp: () => Infinity };
}
