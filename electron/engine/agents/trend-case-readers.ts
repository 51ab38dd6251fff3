// Fills TrendInputs for a bar, either from precomputed columns (batch) or from streaming indicators (live).
import {
  AtrStream, atr, DonchianStream, donchian, EmaStream, ema, MacdStream, macd, MACD_DEFAULTS, ObvStream, obv, RocStream,
  roc, SmaStream, sma, type Bar,
} from '../indicators';
import { RingBuffer } from '../indicators/ring';
import type { CandleSeries } from '../model/candle-series';
import { EMPTY_COLUMN, lagged, type Column, type ColumnCache } from './columns';
import { scoreFactors, TrendFactors, TrendInputs, type TrendCaseSettings } from './trend-case';

const MACD_KEY = `macd:${MACD_DEFAULTS.fastPeriod}:${MACD_DEFAULTS.slowPeriod}:${MACD_DEFAULTS.signalPeriod}`;

/** The four factor scores on every bar; 0 where `ready` is 0 (warm-up). */
export interface TrendFactorColumns {
  ready: Uint8Array;
  trend: Float64Array;
  momentum: Float64Array;
  volume: Float64Array;
  structure: Float64Array;
}

export class TrendCaseColumns {
  private close: Column = EMPTY_COLUMN;
  private ema: Column = EMPTY_COLUMN;
  private sma: Column = EMPTY_COLUMN;
  private roc: Column = EMPTY_COLUMN;
  private hist: Column = EMPTY_COLUMN;
  private atr: Column = EMPTY_COLUMN;
  private obv: Column = EMPTY_COLUMN;
  private volumeSma: Column = EMPTY_COLUMN;
  private donchianHigh: Column = EMPTY_COLUMN;
  private donchianLow: Column = EMPTY_COLUMN;

  constructor(private readonly c: TrendCaseSettings) {}

  prepare(series: CandleSeries, cache: ColumnCache): void {
    const c = this.c;
    this.close = series.close;
    this.ema = cache.get(`ema:${c.emaPeriod}`, (s) => ema(s.close, c.emaPeriod));
    this.sma = cache.get(`sma:${c.smaPeriod}`, (s) => sma(s.close, c.smaPeriod));
    this.roc = cache.get(`roc:${c.rocPeriod}`, (s) => roc(s.close, c.rocPeriod));
    this.hist = cache.get(MACD_KEY, (s) => macd(s.close, MACD_DEFAULTS)).hist;
    this.atr = cache.get(`atr:${c.atrPeriod}`, (s) => atr(s.high, s.low, s.close, c.atrPeriod));
    this.obv = cache.get('obv', (s) => obv(s.close, s.volume));
    this.volumeSma = cache.get(`volume-sma:${c.volumeBars}`, (s) => sma(s.volume, c.volumeBars));
    const channel = cache.get(`donchian:${c.donchianPeriod}`, (s) => donchian(s.high, s.low, c.donchianPeriod));
    this.donchianHigh = channel.upper;
    this.donchianLow = channel.lower;
  }

  /** Every bar's factors, scored once per settings and shared through the cache: Bull and Bear read the same ones. */
  factorColumns(cache: ColumnCache): TrendFactorColumns {
    return cache.get(`trend-factors:${JSON.stringify(this.c)}`, (series) => {
      const n = series.length;
      const out = {
        ready: new Uint8Array(n),
        trend: new Float64Array(n),
        momentum: new Float64Array(n),
        volume: new Float64Array(n),
        structure: new Float64Array(n),
      };
      const x = new TrendInputs();
      const f = new TrendFactors();
      for (let i = 0; i < n; i++) {
        this.fill(i, x);
        scoreFactors(this.c, x, f);
        if (!f.ready) continue;
        out.ready[i] = 1;
        out.trend[i] = f.trend;
        out.momentum[i] = f.momentum;
        out.volume[i] = f.volume;
        out.structure[i] = f.structure;
      }
      return out;
    });
  }

  fill(i: number, x: TrendInputs): void {
    x.close = this.close[i];
    x.ema = this.ema[i];
    x.emaPast = lagged(this.ema, i, this.c.slopeBars);
    x.sma = this.sma[i];
    x.roc = this.roc[i];
    x.hist = this.hist[i];
    x.atr = this.atr[i];
    x.obv = this.obv[i];
    x.obvPast = lagged(this.obv, i, this.c.volumeBars);
    x.volumeSma = this.volumeSma[i];
    x.donchianHigh = this.donchianHigh[i];
    x.donchianLow = this.donchianLow[i];
  }
}

export class TrendCaseStream {
  private readonly ema: EmaStream;
  private readonly emaHistory: RingBuffer;
  private readonly sma: SmaStream;
  private readonly roc: RocStream;
  private readonly macd = new MacdStream(MACD_DEFAULTS);
  private readonly atr: AtrStream;
  private readonly obv = new ObvStream();
  private readonly obvHistory: RingBuffer;
  private readonly volumeSma: SmaStream;
  private readonly donchian: DonchianStream;

  constructor(c: TrendCaseSettings) {
    this.ema = new EmaStream(c.emaPeriod);
    this.emaHistory = new RingBuffer(c.slopeBars);
    this.sma = new SmaStream(c.smaPeriod);
    this.roc = new RocStream(c.rocPeriod);
    this.atr = new AtrStream(c.atrPeriod);
    this.obvHistory = new RingBuffer(c.volumeBars);
    this.volumeSma = new SmaStream(c.volumeBars);
    this.donchian = new DonchianStream(c.donchianPeriod);
  }

  update(candle: Bar, x: TrendInputs): void {
    x.close = candle.close;
    x.ema = this.ema.update(candle.close);
    // A ring of N values evicts the one pushed N bars ago: the lagged value the batch form reads by index.
    x.emaPast = this.emaHistory.push(x.ema);
    x.sma = this.sma.update(candle.close);
    x.roc = this.roc.update(candle.close);
    x.hist = this.macd.update(candle.close).hist;
    x.atr = this.atr.update(candle);
    x.obv = this.obv.update(candle);
    x.obvPast = this.obvHistory.push(x.obv);
    x.volumeSma = this.volumeSma.update(candle.volume);
    const channel = this.donchian.update(candle);
    x.donchianHigh = channel.upper;
    x.donchianLow = channel.lower;
  }
}
