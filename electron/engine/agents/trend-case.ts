// The evidence Bull and Bear argue over: trend, momentum, volume and structure factors, each a score in [-1, 1] (+ = bullish).
import type { PanelSettings } from './settings';
import { allFinite, fixed, scaled, signed, term, weightTail } from './num';

export type TrendCaseSettings = PanelSettings['trendCase'];

/** One bar's raw inputs, filled in place by the batch or stream reader (no per-bar allocation). */
export class TrendInputs {
  close = NaN;
  ema = NaN;
  /** EMA `slopeBars` bars ago. */
  emaPast = NaN;
  sma = NaN;
  roc = NaN;
  hist = NaN;
  atr = NaN;
  obv = NaN;
  /** OBV `volumeBars` bars ago. */
  obvPast = NaN;
  volumeSma = NaN;
  donchianHigh = NaN;
  donchianLow = NaN;
}

/** The four factor scores plus the measurements quoted in the reasons. */
export class TrendFactors {
  ready = false;
  trend = 0;
  momentum = 0;
  volume = 0;
  structure = 0;
  slopeAtr = 0;
  distanceAtr = 0;
  histAtr = 0;
  obvShare = 0;
  donchianPos = 0;
}

function inputsReady(x: TrendInputs): boolean {
  return allFinite(x.close, x.ema, x.emaPast, x.sma, x.roc, x.hist) &&
    allFinite(x.atr, x.obv, x.obvPast, x.volumeSma, x.donchianHigh, x.donchianLow);
}

/** Scores one bar. Moves are measured in ATRs so the same settings fit 1m and 1d bars. */
export function scoreFactors(c: TrendCaseSettings, x: TrendInputs, out: TrendFactors): void {
  out.ready = inputsReady(x) && x.atr > 0;
  if (!out.ready) return;
  const atr = x.atr;
  out.slopeAtr = (x.ema - x.emaPast) / atr;
  out.distanceAtr = (x.close - x.sma) / atr;
  out.trend = 0.5 * scaled(out.slopeAtr, c.slopeAtr) + 0.5 * scaled(out.distanceAtr, c.distanceAtr);
  // ROC is a percent of price; ATR as a percent of price puts it on the same footing.
  const atrPct = (atr / x.close) * 100;
  out.histAtr = x.hist / atr;
  out.momentum = 0.5 * scaled(x.roc, c.rocAtr * atrPct) + 0.5 * scaled(out.histAtr, c.histAtr);
  // OBV's change over N bars is at most the volume traded in them, so the share is already in [-1, 1].
  const traded = x.volumeSma * c.volumeBars;
  out.obvShare = traded > 0 ? (x.obv - x.obvPast) / traded : 0;
  out.volume = scaled(out.obvShare, 1);
  const range = x.donchianHigh - x.donchianLow;
  out.donchianPos = range > 0 ? (x.close - x.donchianLow) / range : 0.5;
  out.structure = 2 * out.donchianPos - 1;
}

/** Strength of one side's case in [0, 1]: the weighted share of factors pointing its way (side +1 bull, -1 bear). */
export function caseStrength(c: TrendCaseSettings, f: TrendFactors, side: 1 | -1, weightSum: number): number {
  const w = c.weights;
  const sum = w.trend * Math.max(side * f.trend, 0) + w.momentum * Math.max(side * f.momentum, 0) +
    w.volume * Math.max(side * f.volume, 0) + w.structure * Math.max(side * f.structure, 0);
  return sum / weightSum;
}

/** Reason fragments that depend only on settings, built once per agent rather than on every bar. */
export function caseText(c: TrendCaseSettings) {
  const w = c.weights;
  return {
    slope: `trend: EMA(${c.emaPeriod}) slope `,
    slopeTail: ` ATR over ${c.slopeBars} bars, close `,
    smaTail: ` ATR vs SMA(${c.smaPeriod}) `,
    roc: `momentum: ROC(${c.rocPeriod})=`,
    volumeTail: `% of ${c.volumeBars}-bar volume `,
    donchianTail: `% of Donchian(${c.donchianPeriod}) range `,
    trend: weightTail(w.trend),
    momentum: weightTail(w.momentum),
    volume: weightTail(w.volume),
    structure: weightTail(w.structure),
    weightSum: w.trend + w.momentum + w.volume + w.structure,
  };
}
export type CaseText = ReturnType<typeof caseText>;

/** Reasons for the factors that support `side`; the other side's agent quotes the rest. */
export function caseReasons(t: CaseText, f: TrendFactors, x: TrendInputs, side: 1 | -1): string[] {
  const out: string[] = [];
  if (side * f.trend > 0) {
    out.push(t.slope + signed(f.slopeAtr) + t.slopeTail + signed(f.distanceAtr) + t.smaTail + term(f.trend, t.trend));
  }
  if (side * f.momentum > 0) {
    out.push(`${t.roc}${signed(x.roc)}%, MACD hist ${signed(f.histAtr)} ATR ${term(f.momentum, t.momentum)}`);
  }
  if (side * f.volume > 0) {
    out.push(`volume: OBV net ${signed(f.obvShare * 100, 0)}${t.volumeTail}${term(f.volume, t.volume)}`);
  }
  if (side * f.structure > 0) {
    out.push(`structure: close at ${fixed(f.donchianPos * 100, 0)}${t.donchianTail}${term(f.structure, t.structure)}`);
  }
  if (out.length === 0) out.push(side > 0 ? NO_BULL_CASE : NO_BEAR_CASE);
  return out;
}

const NO_BULL_CASE = 'no bullish case: every factor is flat or bearish';
const NO_BEAR_CASE = 'no bearish case: every factor is flat or bullish';
