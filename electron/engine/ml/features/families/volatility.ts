// Volatility: ATR per unit of price and its percentile over recent bars, the deviation of 1-bar log returns over three
// windows, their short/long ratio, the last return in long-window sigmas, and the Parkinson (high/low) estimate.
import { atr, AtrStream } from '../../../indicators';
import { SortedWindow } from '../../../agents/sorted-window';
import type { FeatureFamily } from '../family';
import { logReturn, parkinson, perPrice, ratio, squaredLogRange } from '../formulas';
import { RollingMoments, windowRank } from '../rolling';

const ATR_PERIOD = 14;
const RANK_BARS = 100;
const STD_BARS = [10, 30, 60];
const PARKINSON_BARS = 20;
const STD_AT = 2;
const TAIL_AT = STD_AT + STD_BARS.length;

/** The family's window state; both forms step it bar by bar, batch writing straight into the matrix row. */
class VolatilityWindows {
  private readonly ranks = new SortedWindow(RANK_BARS);
  private readonly returns = STD_BARS.map((bars) => new RollingMoments(bars));
  private readonly ranges = new RollingMoments(PARKINSON_BARS);

  step(atrValue: number, high: number, low: number, close: number, prevClose: number, row: Float32Array, at: number): void {
    const atrPct = perPrice(atrValue, close);
    row[at] = atrPct;
    row[at + 1] = windowRank(this.ranks, atrPct);
    const r = logReturn(close, prevClose);
    for (let k = 0; k < STD_BARS.length; k++) {
      this.returns[k].push(r);
      row[at + STD_AT + k] = this.returns[k].std();
    }
    const short = this.returns[0].std();
    const long = this.returns[STD_BARS.length - 1].std();
    // A long window with no volatility has none in the short one either: call that an unchanged level (1).
    row[at + TAIL_AT] = ratio(short, long, 1);
    row[at + TAIL_AT + 1] = ratio(r, long, 0);
    this.ranges.push(squaredLogRange(high, low));
    row[at + TAIL_AT + 2] = parkinson(this.ranges.mean());
  }
}

const [shortBars, , longBars] = STD_BARS;

export const volatilityFamily: FeatureFamily = {
  specs: [
    { name: `atr_pct_${ATR_PERIOD}`, params: { period: ATR_PERIOD, per: 'close' } },
    { name: `atr_pct_rank_${RANK_BARS}`, params: { period: ATR_PERIOD, bars: RANK_BARS } },
    ...STD_BARS.map((bars) => ({ name: `vol_std_${bars}`, params: { bars, of: 'log return 1' } })),
    { name: `vol_ratio_${shortBars}_${longBars}`, params: { short: shortBars, long: longBars } },
    { name: `ret_z_1_${longBars}`, params: { bars: longBars } },
    { name: `park_vol_${PARKINSON_BARS}`, params: { bars: PARKINSON_BARS } },
  ],

  batch({ series }, out) {
    const { close, high, low, length: n } = series;
    const range = atr(high, low, close, ATR_PERIOD);
    const windows = new VolatilityWindows();
    for (let i = 0; i < n; i++) {
      windows.step(range[i], high[i], low[i], close[i], i > 0 ? close[i - 1] : NaN, out.values, i * out.cols + out.at);
    }
  },

  stream() {
    const range = new AtrStream(ATR_PERIOD);
    const windows = new VolatilityWindows();
    let prevClose = NaN;
    return {
      update(bar, row, at) {
        windows.step(range.update(bar), bar.high, bar.low, bar.close, prevClose, row, at);
        prevClose = bar.close;
      },
    };
  },
};
