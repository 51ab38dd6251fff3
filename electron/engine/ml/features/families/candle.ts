// Candle shape: signed body, wicks and range, plus the opening gap from the previous close (time gaps show up here).
import type { FeatureFamily } from '../family';
import { bodyShare, logReturn, lowerWickShare, perPrice, upperWickShare } from '../formulas';

/** One bar's shape; nothing to warm up except the gap, which needs the previous close. */
function shape(open: number, high: number, low: number, close: number, prevClose: number, row: Float32Array, at: number): void {
  row[at] = bodyShare(open, high, low, close);
  row[at + 1] = upperWickShare(open, high, low, close);
  row[at + 2] = lowerWickShare(open, high, low, close);
  row[at + 3] = perPrice(high - low, close);
  row[at + 4] = logReturn(open, prevClose);
}

export const candleFamily: FeatureFamily = {
  specs: [
    { name: 'candle_body', params: { per: 'range' } },
    { name: 'candle_upper_wick', params: { per: 'range' } },
    { name: 'candle_lower_wick', params: { per: 'range' } },
    { name: 'candle_range', params: { per: 'close' } },
    { name: 'gap_open', params: { of: 'ln(open / previous close)' } },
  ],

  batch({ series }, out) {
    const { open, high, low, close, length: n } = series;
    for (let i = 0; i < n; i++) shape(open[i], high[i], low[i], close[i], i > 0 ? close[i - 1] : NaN, out.values, i * out.cols + out.at);
  },

  stream() {
    let prevClose = NaN;
    return {
      update(bar, row, at) {
        shape(bar.open, bar.high, bar.low, bar.close, prevClose, row, at);
        prevClose = bar.close;
      },
    };
  },
};
