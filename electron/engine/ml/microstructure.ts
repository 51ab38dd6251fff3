// The kline columns the candle store leaves out — trade count and taker-buy base volume (Binance klines, columns 9 and
// 10) — read from the same file the candles came from and lined up with the loaded series by open time. Only files
// carry them: stored datasets and ccxt candles are OHLCV, so a model trained with them serves from the CLI only.
import { openByteSource } from '../data/importers/byte-source';
import { LineSplitter, looksLikeData } from '../data/importers/csv-lines';
import { detectFormat } from '../data/importers/reader';
import { scanNum, scanned } from '../data/importers/num-parse';
import { epochToMs } from '../data/importers/time-parse';
import { ConfigError, DataError } from '../errors';
import type { CandleSeries } from '../model/candle-series';
import { indexOfTime } from '../model/time-search';
import type { FeatureExtra } from './features';

const COMMA = 44;
/** 0-based kline columns: open time, trade count, taker-buy base volume. */
const OPEN_TIME = 0;
const TRADES = 8;
const TAKER_BUY = 9;

/** What a model trained with them records (manifest and ONNX metadata): the inputs beyond OHLCV it reads. */
export const MICROSTRUCTURE_INPUTS = ['takerBuyVolume', 'trades'] as const;

/** The feature schema options of a model that reads them. */
export const MICROSTRUCTURE_SCHEMA = { takerBuyVolume: true, trades: true } as const;

/** Fields 0..TAKER_BUY of one CSV line as numbers (NaN where one is not a number); false when the line has fewer. */
function scanFields(buf: Uint8Array, s: number, e: number, out: Float64Array): boolean {
  let pos = s;
  for (let f = 0; f <= TAKER_BUY; f++) {
    if (pos >= e) return false;
    pos = scanNum(buf, pos, e, COMMA);
    out[f] = scanned.value;
    pos++;
  }
  return true;
}

/**
 * Taker-buy volume and trade count for every bar of `series`, read from the Binance kline file `path` it was loaded
 * from. A bar the file has no usable row for gets NaN (its features are then missing, never invented).
 */
export async function readKlineMicrostructure(path: string, series: CandleSeries): Promise<Required<FeatureExtra>> {
  const format = await detectFormat(path);
  if (format !== 'binance-csv') {
    throw new ConfigError(`--microstructure needs a Binance kline CSV (12 columns: trade count and taker-buy volume); ${path} is ${format}`, 'CLI_ARGS', {
      field: 'microstructure',
      value: path,
    });
  }
  const takerBuyVolume = new Float64Array(series.length).fill(Number.NaN);
  const trades = new Float64Array(series.length).fill(Number.NaN);
  const fields = new Float64Array(TAKER_BUY + 1);
  let found = 0;
  const onLine = (buf: Uint8Array, s: number, e: number) => {
    if (!looksLikeData(buf[s]) || !scanFields(buf, s, e, fields)) return;
    const i = indexOfTime(series.time, epochToMs(fields[OPEN_TIME]));
    if (i < 0) return; // a row the importer rejected, or outside what was loaded
    takerBuyVolume[i] = fields[TAKER_BUY];
    trades[i] = fields[TRADES];
    found++;
  };
  const lines = new LineSplitter();
  const src = await openByteSource(path);
  let carry: Uint8Array = new Uint8Array(0);
  try {
    for await (const chunk of src.chunks) {
      const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      carry = buf.subarray(lines.consume(buf, false, onLine, () => false));
    }
    lines.consume(carry, true, onLine, () => false);
  } finally {
    src.close();
  }
  if (found === 0) throw new DataError(`${path}: no kline row matches the loaded candles' times`, 'DATA_INVALID', { field: 'microstructure', value: path });
  return { takerBuyVolume, trades };
}
