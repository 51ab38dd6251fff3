// Features of a real month of FIL/USDT 1-minute klines (with the taker-buy and trade-count columns): no Infinity
// anywhere, every value finite after warm-up, and each feature inside the range its formula allows.
import { beforeAll, describe, expect, it } from 'vitest';
import type { CandleSeries } from '../../../../electron/engine/model/candle-series';
import { computeFeatures, type FeatureExtra, type FeatureMatrix } from '../../../../electron/engine/ml/features';
import { hasSharedData, SHARED_SKIP_REASON, sharedPath } from '../../../shared-data';
import { readBinanceCsv } from '../../../support/binance-csv';
import { firstRowDifference, streamRows } from './arbitrary-features';
import { readBinanceExtra } from './binance-extra';

/** Allowed [min, max] per feature prefix (first match wins); everything else must just be finite. */
const RANGES: [RegExp, number, number][] = [
  [/^(rsi|adx|plus_di|minus_di)_/, 0, 1],
  [/^stoch_[kd]$/, 0, 1],
  [/^willr_/, -1, 0],
  [/^(bb_width_rank|atr_pct_rank)_/, 0, 1],
  [/^efficiency_/, -1, 1],
  [/^obv_slope_/, -1, 1],
  [/^candle_body$/, -1, 1],
  [/^candle_(upper|lower)_wick$/, 0, 1],
  [/^(candle_range|atr_pct|bb_width|donchian_width|vol_std|park_vol|vol_ratio)_?/, 0, Infinity],
  [/^donchian_pos_/, 0, 1],
  [/^(tod|dow)_(sin|cos)$/, -1, 1],
  [/^regime_/, 0, 1],
  [/^taker_buy_share/, 0, 1],
  // A minute of FIL moves far less than 50%: a log return or distance beyond that means a broken formula.
  [/^(ret_log|gap_open|ema_dist|vwap_dist|macd)_/, -0.5, 0.5],
  [/^roc_/, -0.5, 0.5],
];

function column(m: FeatureMatrix, name: string, from = m.firstComplete): Float32Array {
  const c = m.names.indexOf(name);
  const out = new Float32Array(m.rows - from);
  for (let r = from; r < m.rows; r++) out[r - from] = m.values[r * m.cols + c];
  return out;
}

// Without ../shared the suite is skipped under the reason as its title.
describe.skipIf(!hasSharedData)(hasSharedData ? 'features on real FIL/USDT 1m klines (August 2023)' : SHARED_SKIP_REASON, () => {
  let series: CandleSeries;
  let extra: Required<FeatureExtra>;
  let m: FeatureMatrix;

  beforeAll(() => {
    const path = sharedPath('data', 'isda-binance-1m', 'FILUSDT-1m-2023-08.csv');
    series = readBinanceCsv(path);
    extra = readBinanceExtra(path);
    m = computeFeatures(series, { extra });
  });

  it('has no Infinity, and every value is finite after the warm-up', () => {
    expect(m.rows).toBe(series.length);
    expect(m.firstComplete).toBe(199);
    expect(m.values.some((v) => v === Infinity || v === -Infinity)).toBe(false);
    for (let p = m.firstComplete * m.cols; p < m.values.length; p++) {
      if (!Number.isFinite(m.values[p])) expect.fail(`row ${Math.floor(p / m.cols)} ${m.names[p % m.cols]} = ${m.values[p]}`);
    }
  });

  it('keeps every feature in its plausible range', () => {
    for (const name of m.names) {
      const rule = RANGES.find(([re]) => re.test(name));
      if (!rule) continue;
      const values = column(m, name);
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of values) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      // TA-Lib's running sums (the Stochastic's SMA) can land a few ulps outside the band: 1e-9 of slack.
      expect(lo >= rule[1] - 1e-9 && hi <= rule[2] + 1e-9, `${name} spans [${lo}, ${hi}], allowed [${rule[1]}, ${rule[2]}]`).toBe(true);
    }
  });

  it('features vary (none stuck at one value), and the regime one-hot sums to 1', () => {
    for (const name of m.names) {
      const values = column(m, name);
      expect(values.some((v) => v !== values[0]), `${name} is constant`).toBe(true);
    }
    const slots = ['trending', 'ranging', 'volatile', 'neutral'].map((l) => column(m, `regime_${l}`));
    for (let r = 0; r < slots[0].length; r++) expect(slots[0][r] + slots[1][r] + slots[2][r] + slots[3][r]).toBe(1);
  });

  it('the time column is the bars open time, and calendar features follow it', () => {
    expect(m.time).toEqual(series.time);
    // 2023-08-01 00:00 UTC was a Tuesday: time of day 0, day 1 of a Monday-first week.
    const c = (name: string) => m.values[m.names.indexOf(name)];
    expect([c('tod_sin'), c('tod_cos')]).toEqual([0, 1]);
    expect(c('dow_sin')).toBeCloseTo(Math.sin((2 * Math.PI) / 7), 6);
  });

  it('the stream gives the same rows over the first 3000 bars', () => {
    const part = { ...series, length: 3000 };
    const rows = streamRows(part, extra, { takerBuyVolume: true, trades: true });
    expect(rows).toHaveLength(3000);
    expect(firstRowDifference(m, (r) => rows[r], 2999)).toBeUndefined();
  });
});
