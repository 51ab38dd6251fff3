// QuantAnalyst: the mean-reversion voice, an RSI / MACD / Bollinger multi-factor score with weights 40/30/30 by default.
import { BbandsStream, MacdStream, RsiStream, type Bar, type BbandsKey, type Outputs } from '../indicators';
import { EMPTY_COLUMN, type Column, type ColumnCache } from './columns';
import { bbandsColumns, macdHistColumn, rsiColumn } from './indicator-columns';
import { allFinite, clampUnit, fixed, scaled, signed, term, weightTail } from './num';
import type { PanelSettings } from './settings';
import { abstain, type StreamAgent, type Vote } from './types';
import { setAbstained, setVote, voteAt, VoteColumnAgent } from './vote-columns';

type QuantSettings = PanelSettings['quant'];
const NAME = 'QuantAnalyst' as const;

/** Reason fragments that depend only on settings, built once per agent rather than on every bar. */
export function quantText(q: QuantSettings) {
  const w = q.weights;
  return {
    rsi: `RSI(${q.rsiPeriod})=`,
    rsiTail: weightTail(w.rsi),
    macdTail: weightTail(w.macd),
    bollingerTail: weightTail(w.bollinger),
    weightSum: w.rsi + w.macd + w.bollinger,
  };
}
type QuantText = ReturnType<typeof quantText>;

/** One bar's factor scores and the measurements its reasons quote; filled in place (no per-bar allocation). */
export class QuantFactors {
  ready = false;
  rsiScore = 0;
  macdScore = 0;
  bbScore = 0;
  sigma = 0;
  pctB = 0;
  direction = 0;
}

/** Scores one bar into `f`; both forms and the reasons go through this, so equal inputs give equal numbers. */
export function scoreQuant(
  q: QuantSettings,
  text: QuantText,
  rsiValue: number,
  hist: number,
  upper: number,
  middle: number,
  lower: number,
  close: number,
  f: QuantFactors,
): void {
  f.ready = allFinite(rsiValue, hist, upper, middle, lower, close);
  if (!f.ready) return;
  const w = q.weights;
  // RSI: +1 at oversold, -1 at overbought, linear between: stretched prices tend to snap back.
  const centre = (q.rsiOversold + q.rsiOverbought) / 2;
  f.rsiScore = clampUnit((centre - rsiValue) / (centre - q.rsiOversold));
  // MACD histogram measured in the Bollinger σ, so the scale is the market's own, not the price level's.
  f.sigma = (upper - middle) / q.bbStdDev;
  f.macdScore = scaled(hist, f.sigma * q.macdSigmaScale);
  // %B: 0 at the lower band (+1, buy the dip), 1 at the upper band (-1).
  const width = upper - lower;
  f.pctB = width > 0 ? (close - lower) / width : 0.5;
  f.bbScore = width > 0 ? clampUnit(1 - 2 * f.pctB) : 0;
  f.direction = (w.rsi * f.rsiScore + w.macd * f.macdScore + w.bollinger * f.bbScore) / text.weightSum + 0;
}

const WARMING_UP = 'warming up: RSI, MACD or Bollinger not ready';

/** The reasons for a scored bar. */
export function quantReasons(q: QuantSettings, text: QuantText, rsiValue: number, hist: number, f: QuantFactors): string[] {
  if (!f.ready) return [WARMING_UP];
  const { sigma, pctB } = f;
  const rsiLabel = rsiValue <= q.rsiOversold ? ' oversold ' : rsiValue >= q.rsiOverbought ? ' overbought ' : ' neutral ';
  const macdLabel = hist > 0 ? 'σ bullish ' : hist < 0 ? 'σ bearish ' : 'σ flat ';
  const bbLabel = pctB <= 0.2 ? ' near lower band ' : pctB >= 0.8 ? ' near upper band ' : ' inside bands ';
  return [
    text.rsi + fixed(rsiValue, 1) + rsiLabel + term(f.rsiScore, text.rsiTail),
    `MACD hist ${signed(sigma > 0 ? hist / sigma : 0)}${macdLabel}${term(f.macdScore, text.macdTail)}`,
    `Bollinger %B=${fixed(pctB)}${bbLabel}${term(f.bbScore, text.bollingerTail)}`,
  ];
}

/** The vote from one bar's indicator values (the streaming form's path). */
export function quantVote(
  q: QuantSettings,
  text: QuantText,
  rsiValue: number,
  hist: number,
  bands: Outputs<BbandsKey>,
  close: number,
  f: QuantFactors = new QuantFactors(),
): Vote {
  scoreQuant(q, text, rsiValue, hist, bands.upper, bands.middle, bands.lower, close, f);
  if (!f.ready) return abstain(NAME, WARMING_UP);
  const reasons = quantReasons(q, text, rsiValue, hist, f);
  return { agent: NAME, direction: f.direction, confidence: Math.abs(f.direction), reasons };
}

const macdParams = (q: QuantSettings) => ({ fastPeriod: q.macdFast, slowPeriod: q.macdSlow, signalPeriod: q.macdSignal });
const bbParams = (q: QuantSettings) => ({ period: q.bbPeriod, stdDev: q.bbStdDev });

export class QuantAnalyst extends VoteColumnAgent {
  readonly name = NAME;
  readonly style = 'meanReversion' as const;
  private rsi: Column = EMPTY_COLUMN;
  private hist: Column = EMPTY_COLUMN;
  private bands = { upper: EMPTY_COLUMN, middle: EMPTY_COLUMN, lower: EMPTY_COLUMN };
  private close: Column = EMPTY_COLUMN;
  private from = 0;
  private readonly q: QuantSettings;
  private readonly text: QuantText;
  /** Reused for every bar instead of allocating. */
  private readonly f = new QuantFactors();

  constructor(settings: Pick<PanelSettings, 'quant'>) {
    super();
    this.q = settings.quant;
    this.text = quantText(this.q);
  }

  fill(cache: ColumnCache): void {
    const q = this.q;
    this.from = cache.from;
    this.close = cache.bars.close;
    this.rsi = rsiColumn(cache, q.rsiPeriod);
    this.hist = macdHistColumn(cache, macdParams(q));
    this.bands = bbandsColumns(cache, bbParams(q));
    const out = this.columns;
    const f = this.f;
    for (let k = 0; k < cache.length; k++) {
      this.score(k);
      if (f.ready) setVote(out, k, f.direction, Math.abs(f.direction));
      else setAbstained(out, k);
    }
  }

  reasons(k: number): string[] {
    this.score(k);
    return quantReasons(this.q, this.text, this.rsi[k], this.hist[k], this.f);
  }

  vote(i: number): Vote {
    const k = i - this.from;
    return voteAt(NAME, this.columns, k, this.reasons(k));
  }

  private score(k: number): void {
    const b = this.bands;
    scoreQuant(this.q, this.text, this.rsi[k], this.hist[k], b.upper[k], b.middle[k], b.lower[k], this.close[k], this.f);
  }
}

export class QuantAnalystStream implements StreamAgent {
  readonly name = NAME;
  readonly style = 'meanReversion' as const;
  private readonly rsi: RsiStream;
  private readonly macd: MacdStream;
  private readonly bands: BbandsStream;
  private readonly q: QuantSettings;
  private readonly text: QuantText;
  private readonly f = new QuantFactors();

  constructor(settings: Pick<PanelSettings, 'quant'>) {
    const q = (this.q = settings.quant);
    this.text = quantText(q);
    this.rsi = new RsiStream(q.rsiPeriod);
    this.macd = new MacdStream(macdParams(q));
    this.bands = new BbandsStream(bbParams(q));
  }

  update(candle: Bar): Vote {
    const r = this.rsi.update(candle.close);
    const m = this.macd.update(candle.close);
    const b = this.bands.update(candle.close);
    return quantVote(this.q, this.text, r, m.hist, b, candle.close, this.f);
  }
}
