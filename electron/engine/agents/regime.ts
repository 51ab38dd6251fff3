// Regime: labels the market trending / ranging / volatile / neutral from ADX, ATR percentile and Bollinger width,
// and votes the trend's direction when trending; the aggregator weighs the other agents by its label.
import { AdxStream, AtrStream, BbandsStream, type Bar } from '../indicators';
import { EMPTY_COLUMN, type ColumnCache } from './columns';
import { adxColumns, atrColumn, bbandsColumns } from './indicator-columns';
import { allFinite, clamp01, fixed } from './num';
import type { PanelSettings } from './settings';
import { SortedWindow } from './sorted-window';
import { abstain, type RegimeLabel, type RegimeReporter, type StreamAgent, type Vote } from './types';
import { setAbstained, setVote, voteAt, VoteColumnAgent } from './vote-columns';

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

export class Regime extends VoteColumnAgent implements RegimeReporter {
  readonly name = NAME;
  readonly style = 'trend' as const;
  lastRegime: RegimeLabel = 'neutral';
  /** Code of each slot's label in REGIME_LABELS, 0 (neutral) while warming up. */
  labels: Uint8Array = new Uint8Array(0);
  private readonly r: RegimeSettings;
  private dmi = { adx: EMPTY_COLUMN, plusDI: EMPTY_COLUMN, minusDI: EMPTY_COLUMN };
  private atrRank: Float64Array = new Float64Array(0);
  private widthRank: Float64Array = new Float64Array(0);
  /** ATR % and Bollinger width of the last `lookback` bars, carried across windows: each rank sees its own past. */
  private atrWindow: SortedWindow;
  private widthWindow: SortedWindow;
  private from = 0;

  constructor(settings: Pick<PanelSettings, 'regime'>) {
    super();
    this.r = settings.regime;
    this.atrWindow = new SortedWindow(this.r.lookback);
    this.widthWindow = new SortedWindow(this.r.lookback);
  }

  override begin(cache: ColumnCache): void {
    super.begin(cache);
    const n = cache.capacity;
    this.labels = new Uint8Array(n);
    this.atrRank = new Float64Array(n);
    this.widthRank = new Float64Array(n);
    this.atrWindow = new SortedWindow(this.r.lookback);
    this.widthWindow = new SortedWindow(this.r.lookback);
  }

  fill(cache: ColumnCache): void {
    const r = this.r;
    const d = (this.dmi = adxColumns(cache, r.adxPeriod));
    const atrs = atrColumn(cache, r.atrPeriod);
    const bands = bbandsColumns(cache, { period: r.bbPeriod, stdDev: r.bbStdDev });
    const close = cache.bars.close;
    const { atrRank, widthRank, labels } = this;
    const n = cache.length;
    this.from = cache.from;
    for (let k = 0; k < n; k++) {
      atrRank[k] = pushRank(this.atrWindow, atrs[k] / close[k]);
      widthRank[k] = pushRank(this.widthWindow, (bands.upper[k] - bands.lower[k]) / bands.middle[k]);
    }
    const out = this.columns;
    for (let k = 0; k < n; k++) {
      const label = labelOf(r, d.adx[k], d.plusDI[k], d.minusDI[k], atrRank[k], widthRank[k]);
      if (label === undefined) {
        labels[k] = 0;
        setAbstained(out, k);
        continue;
      }
      labels[k] = LABEL_CODE[label];
      setVote(out, k, regimeDirection(label, d.adx[k], d.plusDI[k], d.minusDI[k]), regimeConfidence(label, d.adx[k], atrRank[k]));
    }
  }

  reasons(k: number): string[] {
    if (this.columns.abstained[k] === 1) return [WARMING_UP];
    const d = this.dmi;
    return regimeReasons(this.r, REGIME_LABELS[this.labels[k]], d.adx[k], d.plusDI[k], d.minusDI[k], this.atrRank[k], this.widthRank[k]);
  }

  vote(i: number): Vote {
    const k = i - this.from;
    this.lastRegime = REGIME_LABELS[this.labels[k]];
    return voteAt(NAME, this.columns, k, this.reasons(k));
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
