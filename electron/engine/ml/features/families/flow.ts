// Volume and flow: OBV's net signed volume over a window as a share of all volume traded in it (OBV "slope",
// in [−1, 1]), distance from the daily VWAP, and z-scores of log volume.
import { obv, ObvStream, vwap, VwapStream } from '../../../indicators';
import type { FeatureFamily } from '../family';
import { nonNegative, ratio, vwapDistance, zScore } from '../formulas';
import { RingBuffer } from '../../../indicators/ring';
import { RollingMoments } from '../rolling';

const OBV_BARS = [20, 60];
/** Daily UTC sessions: a whole-series VWAP would depend on where the series happens to start. */
const VWAP_SESSION_HOURS = 24;
const VOLUME_Z_BARS = [20, 60];
const VWAP_AT = OBV_BARS.length;
const Z_AT = VWAP_AT + 1;

/** Window state both forms step bar by bar, given the bar's OBV and VWAP from the indicators. */
class FlowWindows {
  private readonly obvLags = new RingBuffer(Math.max(...OBV_BARS) + 1);
  private readonly volumeSums = OBV_BARS.map((bars) => new RollingMoments(bars));
  private readonly logVolumes = VOLUME_Z_BARS.map((bars) => new RollingMoments(bars));

  step(obvValue: number, vwapValue: number, close: number, volume: number, row: Float32Array, at: number): void {
    this.obvLags.push(obvValue);
    for (let k = 0; k < OBV_BARS.length; k++) {
      const sums = this.volumeSums[k];
      sums.push(volume);
      // OBV(t) − OBV(t−n) is the signed volume of the last n bars, so dividing by their volume bounds it in [−1, 1].
      row[at + k] = ratio(obvValue - this.obvLags.ago(OBV_BARS[k]), nonNegative(sums.sum()), 0);
    }
    row[at + VWAP_AT] = vwapDistance(close, vwapValue);
    // Log volume: raw volume is so skewed that a single spike would own every z-score for the whole window.
    const x = Math.log1p(volume);
    for (let k = 0; k < VOLUME_Z_BARS.length; k++) {
      const m = this.logVolumes[k];
      m.push(x);
      row[at + Z_AT + k] = zScore(x, m.mean(), m.std());
    }
  }
}

export const flowFamily: FeatureFamily = {
  specs: [
    ...OBV_BARS.map((bars) => ({ name: `obv_slope_${bars}`, params: { bars, per: 'window volume' } })),
    { name: 'vwap_dist_1d', params: { sessionHours: VWAP_SESSION_HOURS } },
    ...VOLUME_Z_BARS.map((bars) => ({ name: `volume_z_${bars}`, params: { bars, of: 'log1p(volume)' } })),
  ],

  batch({ series }, out) {
    const { close, volume, length: n } = series;
    const o = obv(close, volume);
    const v = vwap(series, VWAP_SESSION_HOURS);
    const windows = new FlowWindows();
    for (let i = 0; i < n; i++) windows.step(o[i], v[i], close[i], volume[i], out.values, i * out.cols + out.at);
  },

  stream() {
    const o = new ObvStream();
    const v = new VwapStream(VWAP_SESSION_HOURS);
    const windows = new FlowWindows();
    return {
      update(bar, row, at) {
        windows.step(o.update(bar), v.update(bar), bar.close, bar.volume, row, at);
      },
    };
  },
};
