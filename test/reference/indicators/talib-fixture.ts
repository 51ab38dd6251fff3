// Loads the TA-Lib C reference outputs and the BTC/USDT 1h candles they were computed from, aligned by timestamp.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { allocateSeries, type CandleSeries } from '../../../electron/engine/model/candle-series';
import { sharedPath } from '../../shared-data';

type Column = (number | null)[];
export interface TalibReference {
  timestamp: number[];
  close: number[];
  SMA_20: Column;
  EMA_12: Column;
  EMA_26: Column;
  RSI_14: Column;
  ATR_14: Column;
  ADX_14: Column;
  MACD_12_26_9: { macd: Column; signal: Column; hist: Column };
  BBANDS_20_2: { upper: Column; middle: Column; lower: Column };
  STOCH_14_3_3: { slowk: Column; slowd: Column };
}

export function loadTalibReference(): { ref: TalibReference; series: CandleSeries } {
  const ref = JSON.parse(
    readFileSync(sharedPath('reference', 'talib-generated', 'BTC_USDT-1h_talib.json'), 'utf8'),
  ) as TalibReference;
  const raw = gunzipSync(readFileSync(sharedPath('data', 'Pr4v33n23-freqtrade', 'BTC_USDT-1h.json.gz')));
  const rows = JSON.parse(raw.toString('utf8')) as number[][];
  const byTime = new Map(rows.map((r) => [r[0], r]));
  const series = allocateSeries(ref.timestamp.length);
  ref.timestamp.forEach((t, i) => {
    const r = byTime.get(t);
    if (!r) throw new Error(`candle ${t} missing from the source file`);
    [series.time[i], series.open[i], series.high[i], series.low[i], series.close[i], series.volume[i]] = r;
  });
  return { ref, series };
}

/** Positions where reference and ours disagree: null vs non-NaN, or beyond `rel` relative error. */
export function mismatches(ours: Float64Array, reference: Column, rel = 1e-9): string[] {
  const bad: string[] = [];
  if (ours.length !== reference.length) return [`length ${ours.length} vs ${reference.length}`];
  reference.forEach((want, i) => {
    const got = ours[i];
    if (want === null) {
      if (!Number.isNaN(got)) bad.push(`[${i}] want null, got ${got}`);
    } else if (!(Math.abs(got - want) <= rel * Math.max(Math.abs(got), Math.abs(want)))) {
      bad.push(`[${i}] want ${want}, got ${got}`);
    }
  });
  return bad.slice(0, 5);
}
