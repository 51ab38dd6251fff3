// Regime: labels the market trending / ranging / volatile / neutral from ADX, ATR percentile and Bollinger width,
// and votes the trend's direction when trending; the aggregator weighs the other agents by its label.
import { AdxStream, adx, AtrStream, atr, BbandsStream, bbands, type Bar } from '../indicators';
import type { CandleSeries } from '../model/candle-series';
import { EMPTY_COLUMN, type Column, type ColumnCache } from './columns';
import { allFinite, clamp01, fixed } from './num';
import type { PanelSettings } from './settings';
import { SortedWindow } from './sorted-window';
import { abstain, type RegimeLabel, type RegimeReporter, type StreamAgent, type Vote } from './types';
import { EMPTY_VOTES, voteAt, voteColumns, type ColumnAgent, type VoteColumns } from './vote-columns';

type RegimeSettings = PanelSettings['regime'];
const NAME = 'Regime' as const;

/** Volatility first (a wild market is dangerous whatever its trend), then ADX with quiet bands for a range. */
export function classifyRegime(r: RegimeSettings, adxValue: number, atrRank: number, widthRank: number): RegimeLabel {
  if (atrRank >= r.volatilePercentile) return 'volatile';
  if (adxValue >= r.trendAdx) return 'trending';
  if (adxValue < r.rangeAdx && widthRank <= r.rangeWidthPercentile) return 'ranging';
  return 'neutral';
}

/** Labels in code order, for the label column (0 = neutral: also the warm-up label). */
export const REGIME_LABELS: readonly RegimeLabel[] = ['neutral', 'trending', 'ranging', 'volatile'];
const LABEL_CODE: Readonly<Record<RegimeLabel, number>> = { neutral: 0, trending: 1, ranging: 2, volatile: 3 };

/** Direction of a labelled bar: the DI's side when trending, else 0 (a damper when volatile, silence otherwise). */
function regimeDirection(label: RegimeLabel, adxValue: number, plusDI: number, minusDI: number): number {
  const strength = clamp01(adxValue / 50);
  return label === 'trending' ? (plusDI >= minusDI ? strength : -strength) : 0;
}

function regimeConfidence(label: RegimeLabel, adxValue: number, atrRank: number): number {
  return label === 'trending' ? clamp01(adxValue / 50) : label === 'volatile' ? atrRank : 0;
}

function regimeReasons(r: RegimeSettings, label: RegimeLabel, adxValue: number, plusDI: number, minusDI: number, atrRank: number, widthRank: number): string[] {
  const up = plusDI >= minusDI;
  const trendWord = adxValue >= r.trendAdx ? (up ? 'trend up' : 'trend down') : 'no clear trend';
  return [
    `regime ${label}: ADX(${r.adxPeriod})=${fixed(adxValue, 1)} ${trendWord} (+DI ${fixed(plusDI, 1)} vs -DI ${fixed(minusDI, 1)})`,
    `ATR(${r.atrPeriod}) at percentile ${fixed(atrRank)}, Bollinger width at ${fixed(widthRank)} of ${r.lookback} bars`,
  ];
}

/** The vote for a labelled bar: the DI's side when trending, a damper (direction 0) when volatile, silence otherwise. */
export function regimeVote(
  r: RegimeSettings,
  label: RegimeLabel,
  adxValue: number,
  plusDI: number,
  minusDI: number,
  atrRank: number,
  widthRank: number,
): Vote {
  return {
    agent: NAME,
    direction: regimeDirection(label, adxValue, plusDI, minusDI),
    confidence: regimeConfidence(label, adxValue, atrRank),
    reasons: regimeReasons(r, label, adxValue, plusDI, minusDI, atrRank, widthRank),
  };
}

/** Rank of each value among the last `lookback` (itself included), NaN until that many finite values exist. */
function rollingRank(values: Float64Array, lookback: number): Float64Array {
  const window = new SortedWindow(lookback);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = pushRank(window, values[i]);
  return out;
}

function pushRank(window: SortedWindow, value: number): number {
  const rank = window.pushAndRank(value);
  return window.full ? rank : NaN;
}

const WARMING_UP = 'warming up: ADX or volatility percentiles not ready';

/** The label of a bar, or undefined while warming up (the vote then abstains and the panel weighs as 'neutral'). */
function labelOf(r: RegimeSettings, adxValue: number, plus: number, minus: number, atrRank: number, widthRank: number) {
  return allFinite(adxValue, plus, minus, atrRank, widthRank) ? classifyRegime(r, adxValue, atrRank, widthRank) : undefined;
}

/** Shared tail of both forms: abstain while warming up, else classify and vote. */
function decideRegime(r: RegimeSettings, adxValue: number, plus: number, minus: number, atrRank: number, widthRank: number) {
  const label = labelOf(r, adxValue, plus, minus, atrRank, widthRank);
  if (label === undefined) return { label: 'neutral' as RegimeLabel, vote: abstain(NAME, WARMING_UP) };
  return { label, vote: regimeVote(r, label, adxValue, plus, minus, atrRank, widthRank) };
}

export class Regime implements ColumnAgent, RegimeReporter {
  readonly name = NAME;
  readonly style = 'trend' as const;
  lastRegime: RegimeLabel = 'neutral';
  columns: VoteColumns = EMPTY_VOTES;
  /** Code of each bar's label in REGIME_LABELS, 0 (neutral) while warming up. */
  labels: Uint8Array = new Uint8Array(0);
  private readonly r: RegimeSettings;
  private dmi = { adx: EMPTY_COLUMN, plusDI: EMPTY_COLUMN, minusDI: EMPTY_COLUMN };
  private atrRank: Column = EMPTY_COLUMN;
  private widthRank: Column = EMPTY_COLUMN;

  constructor(settings: Pick<PanelSettings, 'regime'>) {
    this.r = settings.regime;
  }

  prepare(series: CandleSeries, cache: ColumnCache): void {
    const r = this.r;
    const d = (this.dmi = cache.get(`adx:${r.adxPeriod}`, (s) => adx(s.high, s.low, s.close, r.adxPeriod)));
    const atrs = cache.get(`atr:${r.atrPeriod}`, (s) => atr(s.high, s.low, s.close, r.atrPeriod));
    const bands = cache.get(`bbands:${r.bbPeriod}:${r.bbStdDev}`, (s) => bbands(s.close, { period: r.bbPeriod, stdDev: r.bbStdDev }));
    const n = series.length;
    const atrPct = new Float64Array(n);
    const width = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      atrPct[i] = atrs[i] / series.close[i];
      width[i] = (bands.upper[i] - bands.lower[i]) / bands.middle[i];
    }
    const atrRank = (this.atrRank = rollingRank(atrPct, r.lookback));
    const widthRank = (this.widthRank = rollingRank(width, r.lookback));
    const out = (this.columns = voteColumns(n));
    const labels = (this.labels = new Uint8Array(n));
    for (let i = 0; i < n; i++) {
      const label = labelOf(r, d.adx[i], d.plusDI[i], d.minusDI[i], atrRank[i], widthRank[i]);
      if (label === undefined) {
        out.abstained[i] = 1;
        continue;
      }
      labels[i] = LABEL_CODE[label];
      out.direction[i] = regimeDirection(label, d.adx[i], d.plusDI[i], d.minusDI[i]);
      out.confidence[i] = regimeConfidence(label, d.adx[i], atrRank[i]);
    }
  }

  reasons(i: number): string[] {
    if (this.columns.abstained[i] === 1) return [WARMING_UP];
    const d = this.dmi;
    return regimeReasons(this.r, REGIME_LABELS[this.labels[i]], d.adx[i], d.plusDI[i], d.minusDI[i], this.atrRank[i], this.widthRank[i]);
  }

  vote(i: number): Vote {
    this.lastRegime = REGIME_LABELS[this.labels[i]];
    return voteAt(NAME, this.columns, i, this.reasons(i));
  }
}

export class RegimeStream implements StreamAgent, RegimeReporter {
  readonly name = NAME;
  readonly style = 'trend' as const;
  lastRegime: RegimeLabel = 'neutral';
  private readonly r: RegimeSettings;
  private readonly adx: AdxStream;
  private readonly atr: AtrStream;
  private readonly bands: BbandsStream;
  private readonly atrWindow: SortedWindow;
  private readonly widthWindow: SortedWindow;

  constructor(settings: Pick<PanelSettings, 'regime'>) {
    const r = (this.r = settings.regime);
    this.adx = new AdxStream(r.adxPeriod);
    this.atr = new AtrStream(r.atrPeriod);
    this.bands = new BbandsStream({ period: r.bbPeriod, stdDev: r.bbStdDev });
    this.atrWindow = new SortedWindow(r.lookback);
    this.widthWindow = new SortedWindow(r.lookback);
  }

  update(candle: Bar): Vote {
    const d = this.adx.update(candle);
    const atrRank = pushRank(this.atrWindow, this.atr.update(candle) / candle.close);
    const b = this.bands.update(candle.close);
    const widthRank = pushRank(this.widthWindow, (b.upper - b.lower) / b.middle);
    const out = decideRegime(this.r, d.adx, d.plusDI, d.minusDI, atrRank, widthRank);
    this.lastRegime = out.label;
    return out.vote;
  }
}
