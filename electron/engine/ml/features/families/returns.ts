// Log returns over several horizons, and the signed efficiency of the path (net move over distance travelled).
import type { FeatureFamily } from '../family';
import { efficiency, logReturn } from '../formulas';
import { RingBuffer } from '../../../indicators/ring';
import { RollingMoments } from '../rolling';

const HORIZONS = [1, 2, 3, 5, 10, 20, 60];
const EFFICIENCY = [20, 60];

/** The family's state, stepped bar by bar by both forms (batch writes straight into the matrix row). */
class ReturnWindows {
  private readonly closes = new RingBuffer(Math.max(...HORIZONS, ...EFFICIENCY) + 1);
  /** Path length Σ|Δclose| over each efficiency window. */
  private readonly paths = EFFICIENCY.map((bars) => new RollingMoments(bars));

  step(close: number, row: Float32Array, at: number): void {
    const lags = this.closes;
    const prev = lags.ago(0);
    lags.push(close);
    for (let k = 0; k < HORIZONS.length; k++) row[at + k] = logReturn(close, lags.ago(HORIZONS[k]));
    const path = Math.abs(close - prev);
    for (let e = 0; e < EFFICIENCY.length; e++) {
      this.paths[e].push(path);
      row[at + HORIZONS.length + e] = efficiency(close - lags.ago(EFFICIENCY[e]), this.paths[e].sum());
    }
  }
}

export const returnsFamily: FeatureFamily = {
  specs: [
    ...HORIZONS.map((bars) => ({ name: `ret_log_${bars}`, params: { bars } })),
    ...EFFICIENCY.map((bars) => ({ name: `efficiency_${bars}`, params: { bars } })),
  ],

  batch({ series }, out) {
    const windows = new ReturnWindows();
    const { close, length: n } = series;
    for (let i = 0, p = out.at; i < n; i++, p += out.cols) windows.step(close[i], out.values, p);
  },

  stream() {
    const windows = new ReturnWindows();
    return { update: (bar, row, at) => windows.step(bar.close, row, at) };
  },
};
