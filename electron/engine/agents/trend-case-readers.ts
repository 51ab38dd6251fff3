// Fills TrendInputs for a bar, either from window columns (batch) or from streaming indicators (live).
import {
  AtrStream, DonchianStream, EmaStream, MacdStream, MACD_DEFAULTS, ObvStream, RocStream, SmaStream, type Bar,
} from '../indicators';
import { RingBuffer } from '../indicators/ring';
import { EMPTY_COLUMN, type Column, type ColumnCache, type WindowColumn } from './columns';
import {
  atrColumn, donchianColumns, emaColumn, macdHistColumn, obvColumn, rocColumn, smaColumn, volumeSmaColumn,
} from './indicator-columns';
import { scoreFactors, TrendFactors, TrendInputs, type TrendCaseSettings } from './trend-case';

/** The four factor scores of each slot; 0 where `ready` is 0 (warm-up). */
export interface TrendFactorColumns {
  ready: Uint8Array;
  trend: Float64Array;
  momentum: Float64Array;
  volume: Float64Array;
  structure: Float64Array;
}

/**
 * Bull's and Bear's evidence over a window, shared through the cache (both read the same factors). The lagged EMA and
 * OBV come from rings carried across windows: a ring of N values evicts the one pushed N bars ago.
 */
export class TrendCaseColumns implements WindowColumn {
  readonly factors: TrendFactorColumns;
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
  private readonly emaPast: Float64Array;
  private readonly obvPast: Float64Array;
  private readonly emaHistory: RingBuffer;
  private readonly obvHistory: RingBuffer;

  constructor(private readonly c: TrendCaseSettings, capacity: number) {
    this.factors = {
      ready: new Uint8Array(capacity),
      trend: new Float64Array(capacity),
      momentum: new Float64Array(capacity),
      volume: new Float64Array(capacity),
      structure: new Float64Array(capacity),
    };
    this.emaPast = new Float64Array(capacity);
    this.obvPast = new Float64Array(capacity);
    this.emaHistory = new RingBuffer(c.slopeBars);
    this.obvHistory = new RingBuffer(c.volumeBars);
  }

  fill(cache: ColumnCache): void {
    const c = this.c;
    this.close = cache.bars.close;
    this.ema = emaColumn(cache, c.emaPeriod);
    this.sma = smaColumn(cache, c.smaPeriod);
    this.roc = rocColumn(cache, c.rocPeriod);
    this.hist = macdHistColumn(cache, MACD_DEFAULTS);
    this.atr = atrColumn(cache, c.atrPeriod);
    this.obv = obvColumn(cache);
    this.volumeSma = volumeSmaColumn(cache, c.volumeBars);
    const channel = donchianColumns(cache, c.donchianPeriod);
    this.donchianHigh = channel.upper;
    this.donchianLow = channel.lower;
    const n = cache.length;
    for (let k = 0; k < n; k++) {
      this.emaPast[k] = this.emaHistory.push(this.ema[k]);
      this.obvPast[k] = this.obvHistory.push(this.obv[k]);
    }
    const out = this.factors;
    const x = new TrendInputs();
    const f = new TrendFactors();
    for (let k = 0; k < n; k++) {
      this.read(k, x);
      scoreFactors(c, x, f);
      const ready = f.ready;
      out.ready[k] = ready ? 1 : 0;
      out.trend[k] = ready ? f.trend : 0;
      out.momentum[k] = ready ? f.momentum : 0;
      out.volume[k] = ready ? f.volume : 0;
      out.structure[k] = ready ? f.structure : 0;
    }
  }

  /** Slot k's inputs, for its reasons. */
  read(k: number, x: TrendInputs): void {
    x.close = this.close[k];
    x.ema = this.ema[k];
    x.emaPast = this.emaPast[k];
    x.sma = this.sma[k];
    x.roc = this.roc[k];
    x.hist = this.hist[k];
    x.atr = this.atr[k];
    x.obv = this.obv[k];
    x.obvPast = this.obvPast[k];
    x.volumeSma = this.volumeSma[k];
    x.donchianHigh = this.donchianHigh[k];
    x.donchianLow = this.donchianLow[k];
  }
}

/** The trend case's columns for settings `c`, one per cache whichever agent asks first. */
export function trendCaseColumns(cache: ColumnCache, c: TrendCaseSettings): TrendCaseColumns {
  return cache.column(`trend-case:${JSON.stringify(c)}`, (n) => new TrendCaseColumns(c, n));
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
