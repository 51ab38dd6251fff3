// The panel's indicators as window columns (see ColumnCache): each runs its streaming form over the window's bars, so
// its state carries from one window to the next. The streaming forms give the batch forms' values bit for bit
// (test/unit/agents/panel-windows.property.test.ts), and writing into a reused window beats allocating whole columns.
import {
  AtrStream, BbandsStream, DonchianStream, EmaStream, MacdStream, ObvStream, RocStream, RsiStream, SmaStream,
  type BbandsParams, type MacdParams, type ValueStream,
} from '../indicators';
import { AdxState } from '../indicators/adx-state';
import type { ColumnCache, WindowColumn } from './columns';

/** One output over one input field. */
class ValueColumn implements WindowColumn {
  readonly values: Float64Array;

  constructor(capacity: number, private readonly field: 'close' | 'volume', private readonly stream: ValueStream) {
    this.values = new Float64Array(capacity);
  }

  fill(cache: ColumnCache): void {
    const src = cache.bars[this.field];
    const { values, stream } = this;
    for (let k = 0; k < cache.length; k++) values[k] = stream.update(src[k]);
  }
}

class MacdColumn implements WindowColumn {
  readonly hist: Float64Array;
  private readonly stream: MacdStream;

  constructor(capacity: number, params: MacdParams) {
    this.hist = new Float64Array(capacity);
    this.stream = new MacdStream(params);
  }

  fill(cache: ColumnCache): void {
    const close = cache.bars.close;
    for (let k = 0; k < cache.length; k++) this.hist[k] = this.stream.update(close[k]).hist;
  }
}

class BbandsColumns implements WindowColumn {
  readonly upper: Float64Array;
  readonly middle: Float64Array;
  readonly lower: Float64Array;
  private readonly stream: BbandsStream;

  constructor(capacity: number, params: BbandsParams) {
    this.upper = new Float64Array(capacity);
    this.middle = new Float64Array(capacity);
    this.lower = new Float64Array(capacity);
    this.stream = new BbandsStream(params);
  }

  fill(cache: ColumnCache): void {
    const close = cache.bars.close;
    for (let k = 0; k < cache.length; k++) {
      const b = this.stream.update(close[k]);
      this.upper[k] = b.upper;
      this.middle[k] = b.middle;
      this.lower[k] = b.lower;
    }
  }
}

/** The fields high/low/close streams read, refilled for each bar. */
interface HlcvBar {
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** A stream over whole bars (ATR, OBV), fed one reused bar object. */
class BarColumn implements WindowColumn {
  readonly values: Float64Array;
  private readonly bar: HlcvBar = { high: NaN, low: NaN, close: NaN, volume: NaN };

  constructor(capacity: number, private readonly stream: { update(bar: HlcvBar): number }) {
    this.values = new Float64Array(capacity);
  }

  fill(cache: ColumnCache): void {
    const { high, low, close, volume } = cache.bars;
    const bar = this.bar;
    for (let k = 0; k < cache.length; k++) {
      bar.high = high[k];
      bar.low = low[k];
      bar.close = close[k];
      bar.volume = volume[k];
      this.values[k] = this.stream.update(bar);
    }
  }
}

class DonchianColumns implements WindowColumn {
  readonly upper: Float64Array;
  readonly lower: Float64Array;
  private readonly stream: DonchianStream;
  private readonly bar = { high: NaN, low: NaN };

  constructor(capacity: number, period: number) {
    this.upper = new Float64Array(capacity);
    this.lower = new Float64Array(capacity);
    this.stream = new DonchianStream(period);
  }

  fill(cache: ColumnCache): void {
    const { high, low } = cache.bars;
    for (let k = 0; k < cache.length; k++) {
      this.bar.high = high[k];
      this.bar.low = low[k];
      const channel = this.stream.update(this.bar);
      this.upper[k] = channel.upper;
      this.lower[k] = channel.lower;
    }
  }
}

class AdxColumns implements WindowColumn {
  readonly adx: Float64Array;
  readonly plusDI: Float64Array;
  readonly minusDI: Float64Array;
  private readonly state: AdxState;

  constructor(capacity: number, period: number) {
    this.adx = new Float64Array(capacity);
    this.plusDI = new Float64Array(capacity);
    this.minusDI = new Float64Array(capacity);
    this.state = new AdxState(period);
  }

  fill(cache: ColumnCache): void {
    const { high, low, close } = cache.bars;
    const s = this.state;
    for (let k = 0; k < cache.length; k++) {
      s.step(high[k], low[k], close[k]);
      this.adx[k] = s.adx;
      this.plusDI[k] = s.plusDI;
      this.minusDI[k] = s.minusDI;
    }
  }
}

// Keys name the indicator and its params, so agents asking for the same one share it.
export const rsiColumn = (cache: ColumnCache, period: number): Float64Array =>
  cache.column(`rsi:${period}`, (n) => new ValueColumn(n, 'close', new RsiStream(period))).values;

export const emaColumn = (cache: ColumnCache, period: number): Float64Array =>
  cache.column(`ema:${period}`, (n) => new ValueColumn(n, 'close', new EmaStream(period))).values;

export const smaColumn = (cache: ColumnCache, period: number): Float64Array =>
  cache.column(`sma:${period}`, (n) => new ValueColumn(n, 'close', new SmaStream(period))).values;

export const volumeSmaColumn = (cache: ColumnCache, period: number): Float64Array =>
  cache.column(`volume-sma:${period}`, (n) => new ValueColumn(n, 'volume', new SmaStream(period))).values;

export const rocColumn = (cache: ColumnCache, period: number): Float64Array =>
  cache.column(`roc:${period}`, (n) => new ValueColumn(n, 'close', new RocStream(period))).values;

export const atrColumn = (cache: ColumnCache, period: number): Float64Array =>
  cache.column(`atr:${period}`, (n) => new BarColumn(n, new AtrStream(period))).values;

export const obvColumn = (cache: ColumnCache): Float64Array =>
  cache.column('obv', (n) => new BarColumn(n, new ObvStream())).values;

export const macdHistColumn = (cache: ColumnCache, p: MacdParams): Float64Array =>
  cache.column(`macd:${p.fastPeriod}:${p.slowPeriod}:${p.signalPeriod}`, (n) => new MacdColumn(n, p)).hist;

export const bbandsColumns = (cache: ColumnCache, p: BbandsParams): BbandsColumns =>
  cache.column(`bbands:${p.period}:${p.stdDev}`, (n) => new BbandsColumns(n, p));

export const donchianColumns = (cache: ColumnCache, period: number): DonchianColumns =>
  cache.column(`donchian:${period}`, (n) => new DonchianColumns(n, period));

export const adxColumns = (cache: ColumnCache, period: number): AdxColumns =>
  cache.column(`adx:${period}`, (n) => new AdxColumns(n, period));
