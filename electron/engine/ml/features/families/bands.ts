// Where the close sits in its bands and channels (Bollinger %B, Keltner, Donchian) and how wide they are; the
// Bollinger width is also ranked against its own recent past, as the Regime agent ranks it.
import {
  bbands, BBANDS_DEFAULTS, BbandsStream, donchian, DonchianStream, keltner, KELTNER_DEFAULTS, KeltnerStream,
} from '../../../indicators';
import { SortedWindow } from '../../../agents/sorted-window';
import type { FeatureFamily } from '../family';
import { position, width } from '../formulas';
import { windowRank } from '../rolling';

const BB = BBANDS_DEFAULTS;
const RANK_BARS = 100;
const KELTNER = KELTNER_DEFAULTS;
const DONCHIAN_FAST = 20;
const DONCHIAN_SLOW = 55;
const KELTNER_AT = 3;
const DONCHIAN_AT = KELTNER_AT + 1;

/** %B, width and width rank of one bar (the rank window is the only state). */
class BollingerRank {
  private readonly ranks = new SortedWindow(RANK_BARS);

  step(close: number, lower: number, middle: number, upper: number, row: Float32Array, at: number): void {
    const w = width(lower, upper, middle);
    row[at] = position(close, lower, upper);
    row[at + 1] = w;
    row[at + 2] = windowRank(this.ranks, w);
  }
}

function writeDonchian(close: number, lower: number, upper: number, row: Float32Array, at: number): void {
  row[at] = position(close, lower, upper);
  row[at + 1] = width(lower, upper, close);
}

export const bandsFamily: FeatureFamily = {
  specs: [
    { name: `bb_pctb_${BB.period}`, params: { ...BB } },
    { name: `bb_width_${BB.period}`, params: { ...BB, per: 'middle' } },
    { name: `bb_width_rank_${RANK_BARS}`, params: { ...BB, bars: RANK_BARS } },
    { name: `keltner_pos_${KELTNER.period}`, params: { ...KELTNER } },
    { name: `donchian_pos_${DONCHIAN_FAST}`, params: { period: DONCHIAN_FAST } },
    { name: `donchian_width_${DONCHIAN_FAST}`, params: { period: DONCHIAN_FAST, per: 'close' } },
    { name: `donchian_pos_${DONCHIAN_SLOW}`, params: { period: DONCHIAN_SLOW } },
  ],

  batch({ series }, out) {
    const { close, high, low, length: n } = series;
    const { values, cols } = out;
    const b = bbands(close, BB);
    const bollinger = new BollingerRank();
    for (let i = 0, p = out.at; i < n; i++, p += cols) bollinger.step(close[i], b.lower[i], b.middle[i], b.upper[i], values, p);
    const k = keltner(high, low, close, KELTNER);
    for (let i = 0, p = out.at + KELTNER_AT; i < n; i++, p += cols) values[p] = position(close[i], k.lower[i], k.upper[i]);
    const fast = donchian(high, low, DONCHIAN_FAST);
    for (let i = 0, p = out.at + DONCHIAN_AT; i < n; i++, p += cols) writeDonchian(close[i], fast.lower[i], fast.upper[i], values, p);
    const slow = donchian(high, low, DONCHIAN_SLOW);
    for (let i = 0, p = out.at + DONCHIAN_AT + 2; i < n; i++, p += cols) values[p] = position(close[i], slow.lower[i], slow.upper[i]);
  },

  stream() {
    const bb = new BbandsStream(BB);
    const bollinger = new BollingerRank();
    const kc = new KeltnerStream(KELTNER);
    const fast = new DonchianStream(DONCHIAN_FAST);
    const slow = new DonchianStream(DONCHIAN_SLOW);
    return {
      update(bar, row, at) {
        const b = bb.update(bar.close);
        bollinger.step(bar.close, b.lower, b.middle, b.upper, row, at);
        const k = kc.update(bar);
        row[at + KELTNER_AT] = position(bar.close, k.lower, k.upper);
        const f = fast.update(bar);
        writeDonchian(bar.close, f.lower, f.upper, row, at + DONCHIAN_AT);
        const s = slow.update(bar);
        row[at + DONCHIAN_AT + 2] = position(bar.close, s.lower, s.upper);
      },
    };
  },
};
