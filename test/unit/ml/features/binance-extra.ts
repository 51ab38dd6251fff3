// The kline columns CandleSeries leaves out (trade count, taker-buy base volume), read from the same CSV rows that
// test/support/binance-csv.ts reads candles from, so row i of both belongs to the same bar.
import { readFileSync } from 'node:fs';
import type { FeatureExtra } from '../../../../electron/engine/ml/features';

export function readBinanceExtra(path: string): Required<FeatureExtra> {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => /^[0-9]/.test(l));
  const trades = new Float64Array(lines.length);
  const takerBuyVolume = new Float64Array(lines.length);
  lines.forEach((line, i) => {
    const f = line.split(',');
    trades[i] = Number(f[8]);
    takerBuyVolume[i] = Number(f[9]);
  });
  return { trades, takerBuyVolume };
}
