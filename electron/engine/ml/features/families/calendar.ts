// Time of day and day of week (UTC, from the bar's open time) as sin/cos pairs: cyclic, so midnight has no seam.
import type { FeatureFamily } from '../family';
import { cycleCos, cycleSin, dayFraction, weekFraction } from '../formulas';

function calendar(time: number, row: Float32Array, at: number): void {
  const day = dayFraction(time);
  const week = weekFraction(time);
  row[at] = cycleSin(day);
  row[at + 1] = cycleCos(day);
  row[at + 2] = cycleSin(week);
  row[at + 3] = cycleCos(week);
}

export const calendarFamily: FeatureFamily = {
  specs: [
    { name: 'tod_sin', params: { clock: 'UTC', of: 'bar open time' } },
    { name: 'tod_cos', params: { clock: 'UTC', of: 'bar open time' } },
    { name: 'dow_sin', params: { clock: 'UTC', weekStart: 'Monday' } },
    { name: 'dow_cos', params: { clock: 'UTC', weekStart: 'Monday' } },
  ],

  batch({ series }, out) {
    const { time, length: n } = series;
    for (let i = 0; i < n; i++) calendar(time[i], out.values, i * out.cols + out.at);
  },

  stream() {
    return {
      update(bar, row, at) {
        calendar(bar.time, row, at);
      },
    };
  },
};
