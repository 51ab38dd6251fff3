// Microstructure features, only for data that carries the columns (Binance klines do; CandleSeries does not): the
// taker-buy share of volume (aggressive buying) and a z-score of the trade count. Each joins the schema only when its
// input is given, which changes the schema hash: a model trained with them cannot be fed rows without them.
import type { FeatureFamily } from '../family';
import { nonNegative, ratio, zScore } from '../formulas';
import { RollingMoments } from '../rolling';

const TAKER_BARS = 20;
const TRADES_BARS = 20;

/** A bar with no volume has no aggressor side: call it balanced (0.5). */
function takerShare(takerBuy: number, volume: number): number {
  return ratio(takerBuy, volume, 0.5);
}

class TakerWindows {
  private readonly taker = new RollingMoments(TAKER_BARS);
  private readonly volume = new RollingMoments(TAKER_BARS);

  step(takerBuy: number, volume: number, row: Float32Array, at: number): void {
    row[at] = takerShare(takerBuy, volume);
    this.taker.push(takerBuy);
    this.volume.push(volume);
    row[at + 1] = takerShare(nonNegative(this.taker.sum()), nonNegative(this.volume.sum()));
  }
}

export const takerFamily: FeatureFamily = {
  specs: [
    { name: 'taker_buy_share', params: { input: 'takerBuyVolume', per: 'volume' } },
    { name: `taker_buy_share_${TAKER_BARS}`, params: { input: 'takerBuyVolume', bars: TAKER_BARS, per: 'window volume' } },
  ],

  batch({ series, takerBuyVolume }, out) {
    const windows = new TakerWindows();
    for (let i = 0; i < series.length; i++) {
      windows.step(takerBuyVolume ? takerBuyVolume[i] : NaN, series.volume[i], out.values, i * out.cols + out.at);
    }
  },

  stream() {
    const windows = new TakerWindows();
    return {
      update(bar, row, at) {
        windows.step(bar.takerBuyVolume ?? NaN, bar.volume, row, at);
      },
    };
  },
};

class TradesWindow {
  private readonly logTrades = new RollingMoments(TRADES_BARS);

  step(trades: number, row: Float32Array, at: number): void {
    // Log counts, as for volume: a burst of trades would otherwise dominate the window.
    const x = Math.log1p(trades);
    this.logTrades.push(x);
    row[at] = zScore(x, this.logTrades.mean(), this.logTrades.std());
  }
}

export const tradesFamily: FeatureFamily = {
  specs: [{ name: `trades_z_${TRADES_BARS}`, params: { input: 'trades', bars: TRADES_BARS, of: 'log1p(trades)' } }],

  batch({ series, trades }, out) {
    const window = new TradesWindow();
    for (let i = 0; i < series.length; i++) window.step(trades ? trades[i] : NaN, out.values, i * out.cols + out.at);
  },

  stream() {
    const window = new TradesWindow();
    return {
      update(bar, row, at) {
        window.step(bar.trades ?? NaN, row, at);
      },
    };
  },
};
