// Trend: distance from EMAs of several lengths, MACD (per unit of price) and ADX/±DI (as fractions).
import { adx, AdxStream, ema, EmaStream, macd, MACD_DEFAULTS, MacdStream } from '../../../indicators';
import type { FeatureFamily } from '../family';
import { distance, fromPercent, perPrice } from '../formulas';

const EMAS = [10, 20, 50, 100, 200];
const MACD = MACD_DEFAULTS;
const ADX_PERIOD = 14;
const MACD_AT = EMAS.length;
const ADX_AT = MACD_AT + 3;

function writeMacd(line: number, signal: number, hist: number, close: number, row: Float32Array, at: number): void {
  row[at] = perPrice(line, close);
  row[at + 1] = perPrice(signal, close);
  row[at + 2] = perPrice(hist, close);
}

function writeDmi(adxValue: number, plusDI: number, minusDI: number, row: Float32Array, at: number): void {
  row[at] = fromPercent(adxValue);
  row[at + 1] = fromPercent(plusDI);
  row[at + 2] = fromPercent(minusDI);
}

export const trendFamily: FeatureFamily = {
  specs: [
    ...EMAS.map((period) => ({ name: `ema_dist_${period}`, params: { period } })),
    ...(['line', 'signal', 'hist'] as const).map((output) => ({ name: `macd_${output}`, params: { ...MACD, output, per: 'close' } })),
    { name: `adx_${ADX_PERIOD}`, params: { period: ADX_PERIOD } },
    { name: `plus_di_${ADX_PERIOD}`, params: { period: ADX_PERIOD } },
    { name: `minus_di_${ADX_PERIOD}`, params: { period: ADX_PERIOD } },
  ],

  // One indicator at a time, each column dropped before the next: memory stays at a few columns however many rows.
  batch({ series }, out) {
    const { close, high, low, length: n } = series;
    const { values, cols } = out;
    for (let k = 0; k < EMAS.length; k++) {
      const level = ema(close, EMAS[k]);
      for (let i = 0, p = out.at + k; i < n; i++, p += cols) values[p] = distance(close[i], level[i]);
    }
    const m = macd(close, MACD);
    for (let i = 0, p = out.at + MACD_AT; i < n; i++, p += cols) writeMacd(m.macd[i], m.signal[i], m.hist[i], close[i], values, p);
    const d = adx(high, low, close, ADX_PERIOD);
    for (let i = 0, p = out.at + ADX_AT; i < n; i++, p += cols) writeDmi(d.adx[i], d.plusDI[i], d.minusDI[i], values, p);
  },

  stream() {
    const emas = EMAS.map((period) => new EmaStream(period));
    const m = new MacdStream(MACD);
    const d = new AdxStream(ADX_PERIOD);
    return {
      update(bar, row, at) {
        for (let k = 0; k < EMAS.length; k++) row[at + k] = distance(bar.close, emas[k].update(bar.close));
        const v = m.update(bar.close);
        writeMacd(v.macd, v.signal, v.hist, bar.close, row, at + MACD_AT);
        const dmi = d.update(bar);
        writeDmi(dmi.adx, dmi.plusDI, dmi.minusDI, row, at + ADX_AT);
      },
    };
  },
};
