// QuantAnalyst: the mean-reversion voice, an RSI / MACD / Bollinger multi-factor score with weights 40/30/30 by default.
import { BbandsStream, bbands, MacdStream, macd, RsiStream, rsi, type Bar, type BbandsKey, type Outputs } from '../indicators';
import type { CandleSeries } from '../model/candle-series';
import { EMPTY_COLUMN, type Column, type ColumnCache } from './columns';
import { allFinite, clampUnit, fixed, scaled, signed, term, weightTail } from './num';
import type { PanelSettings } from './settings';
import { abstain, type BatchAgent, type StreamAgent, type Vote } from './types';

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

/** The vote from one bar's indicator values; both forms call this, so equal inputs give equal votes. */
export function quantVote(
  q: QuantSettings,
  text: QuantText,
  rsiValue: number,
  hist: number,
  bands: Outputs<BbandsKey>,
  close: number,
): Vote {
  const { upper, middle, lower } = bands;
  if (!allFinite(rsiValue, hist, upper, middle, lower, close)) {
    return abstain(NAME, 'warming up: RSI, MACD or Bollinger not ready');
  }
  const w = q.weights;
  // RSI: +1 at oversold, -1 at overbought, linear between: stretched prices tend to snap back.
  const centre = (q.rsiOversold + q.rsiOverbought) / 2;
  const rsiScore = clampUnit((centre - rsiValue) / (centre - q.rsiOversold));
  // MACD histogram measured in the Bollinger σ, so the scale is the market's own, not the price level's.
  const sigma = (upper - middle) / q.bbStdDev;
  const macdScore = scaled(hist, sigma * q.macdSigmaScale);
  // %B: 0 at the lower band (+1, buy the dip), 1 at the upper band (-1).
  const width = upper - lower;
  const pctB = width > 0 ? (close - lower) / width : 0.5;
  const bbScore = width > 0 ? clampUnit(1 - 2 * pctB) : 0;
  const direction = (w.rsi * rsiScore + w.macd * macdScore + w.bollinger * bbScore) / text.weightSum + 0;
  const rsiLabel = rsiValue <= q.rsiOversold ? ' oversold ' : rsiValue >= q.rsiOverbought ? ' overbought ' : ' neutral ';
  const macdLabel = hist > 0 ? 'σ bullish ' : hist < 0 ? 'σ bearish ' : 'σ flat ';
  const bbLabel = pctB <= 0.2 ? ' near lower band ' : pctB >= 0.8 ? ' near upper band ' : ' inside bands ';
  return {
    agent: NAME,
    direction,
    confidence: Math.abs(direction),
    reasons: [
      text.rsi + fixed(rsiValue, 1) + rsiLabel + term(rsiScore, text.rsiTail),
      `MACD hist ${signed(sigma > 0 ? hist / sigma : 0)}${macdLabel}${term(macdScore, text.macdTail)}`,
      `Bollinger %B=${fixed(pctB)}${bbLabel}${term(bbScore, text.bollingerTail)}`,
    ],
  };
}

const macdParams = (q: QuantSettings) => ({ fastPeriod: q.macdFast, slowPeriod: q.macdSlow, signalPeriod: q.macdSignal });
const bbParams = (q: QuantSettings) => ({ period: q.bbPeriod, stdDev: q.bbStdDev });

export class QuantAnalyst implements BatchAgent {
  readonly name = NAME;
  readonly style = 'meanReversion' as const;
  private rsi: Column = EMPTY_COLUMN;
  private hist: Column = EMPTY_COLUMN;
  private bands = { upper: EMPTY_COLUMN, middle: EMPTY_COLUMN, lower: EMPTY_COLUMN };
  private close: Column = EMPTY_COLUMN;
  private readonly q: QuantSettings;
  private readonly text: QuantText;
  /** Reused for every bar: the batch form reads three columns into it instead of allocating. */
  private readonly bar: Outputs<BbandsKey> = { upper: NaN, middle: NaN, lower: NaN };

  constructor(settings: Pick<PanelSettings, 'quant'>) {
    this.q = settings.quant;
    this.text = quantText(this.q);
  }

  prepare(series: CandleSeries, cache: ColumnCache): void {
    const q = this.q;
    this.close = series.close;
    this.rsi = cache.get(`rsi:${q.rsiPeriod}`, (s) => rsi(s.close, q.rsiPeriod));
    this.hist = cache.get(`macd:${q.macdFast}:${q.macdSlow}:${q.macdSignal}`, (s) => macd(s.close, macdParams(q))).hist;
    this.bands = cache.get(`bbands:${q.bbPeriod}:${q.bbStdDev}`, (s) => bbands(s.close, bbParams(q)));
  }

  vote(i: number): Vote {
    const b = this.bands;
    const bar = this.bar;
    bar.upper = b.upper[i];
    bar.middle = b.middle[i];
    bar.lower = b.lower[i];
    return quantVote(this.q, this.text, this.rsi[i], this.hist[i], bar, this.close[i]);
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
    return quantVote(this.q, this.text, r, m.hist, b, candle.close);
  }
}
