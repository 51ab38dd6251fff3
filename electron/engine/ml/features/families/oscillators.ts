// Bounded oscillators as fractions: RSI at three lengths, slow Stochastic, CCI, Williams %R and ROC.
import { cci, CciStream, roc, RocStream, rsi, RsiStream, stoch, STOCH_DEFAULTS, StochStream, willr, WillrStream } from '../../../indicators';
import type { ColumnBlock, FeatureFamily } from '../family';
import { fromPercent } from '../formulas';

const RSIS = [7, 14, 28];
const STOCH = STOCH_DEFAULTS;
const CCI_PERIOD = 20;
const WILLR_PERIOD = 14;
const ROC_PERIOD = 30;
const STOCH_AT = RSIS.length;
const CCI_AT = STOCH_AT + 2;

/** Column k of every row = fromPercent(src[row]): every feature of this family has that shape. */
function writePercent(out: ColumnBlock, k: number, src: Float64Array): void {
  const { values, cols } = out;
  for (let i = 0, p = out.at + k; i < src.length; i++, p += cols) values[p] = fromPercent(src[i]);
}

export const oscillatorFamily: FeatureFamily = {
  specs: [
    ...RSIS.map((period) => ({ name: `rsi_${period}`, params: { period, scale: 0.01 } })),
    { name: 'stoch_k', params: { ...STOCH, scale: 0.01 } },
    { name: 'stoch_d', params: { ...STOCH, scale: 0.01 } },
    { name: `cci_${CCI_PERIOD}`, params: { period: CCI_PERIOD, scale: 0.01 } },
    { name: `willr_${WILLR_PERIOD}`, params: { period: WILLR_PERIOD, scale: 0.01 } },
    { name: `roc_${ROC_PERIOD}`, params: { period: ROC_PERIOD, scale: 0.01 } },
  ],

  batch({ series }, out) {
    const { close, high, low } = series;
    for (let k = 0; k < RSIS.length; k++) writePercent(out, k, rsi(close, RSIS[k]));
    const s = stoch(high, low, close, STOCH);
    writePercent(out, STOCH_AT, s.k);
    writePercent(out, STOCH_AT + 1, s.d);
    writePercent(out, CCI_AT, cci(high, low, close, CCI_PERIOD));
    writePercent(out, CCI_AT + 1, willr(high, low, close, WILLR_PERIOD));
    writePercent(out, CCI_AT + 2, roc(close, ROC_PERIOD));
  },

  stream() {
    const rsis = RSIS.map((period) => new RsiStream(period));
    const s = new StochStream(STOCH);
    const c = new CciStream(CCI_PERIOD);
    const w = new WillrStream(WILLR_PERIOD);
    const r = new RocStream(ROC_PERIOD);
    return {
      update(bar, row, at) {
        for (let k = 0; k < RSIS.length; k++) row[at + k] = fromPercent(rsis[k].update(bar.close));
        const v = s.update(bar);
        row[at + STOCH_AT] = fromPercent(v.k);
        row[at + STOCH_AT + 1] = fromPercent(v.d);
        row[at + CCI_AT] = fromPercent(c.update(bar));
        row[at + CCI_AT + 1] = fromPercent(w.update(bar));
        row[at + CCI_AT + 2] = fromPercent(r.update(bar.close));
      },
    };
  },
};
