// Validates one page of exchange OHLCV rows at the boundary and turns it into columnar candles.
import type { Timeframe } from '../../../../shared/domain';
import { TIMEFRAME_MS } from '../../../../shared/domain';
import { ExchangeError } from '../../errors';
import { allocateSeries, sliceSeries, type CandleSeries } from '../../model/candle-series';

/**
 * Keeps rows with open time in [from, to]; rejects the page (naming row and field) if a row is malformed,
 * unaligned, out of order or inconsistent — an exchange reply is input like any file.
 */
export function parseOhlcvPage(rows: unknown, timeframe: Timeframe, from: number, to: number): CandleSeries {
  if (!Array.isArray(rows)) throw new ExchangeError('fetchOHLCV reply is not an array', 'BAD_REPLY', { field: 'ohlcv' });
  const step = TIMEFRAME_MS[timeframe];
  const out = allocateSeries(rows.length);
  let n = 0;
  let previous = -Infinity;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as unknown;
    if (!Array.isArray(row) || row.length < 6) throw bad(r, 'row', row);
    const [t, o, h, l, c, v] = row as number[];
    for (const [name, value] of [['time', t], ['open', o], ['high', h], ['low', l], ['close', c], ['volume', v]] as const) {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw bad(r, name, value);
    }
    if (t % step !== 0) throw bad(r, 'time', t, `not aligned to ${timeframe}`);
    if (t <= previous) throw bad(r, 'time', t, 'not after the previous row');
    if (h < Math.max(o, c, l) || l > Math.min(o, c) || l <= 0 || v < 0) throw bad(r, 'high/low', [o, h, l, c, v], 'inconsistent OHLCV');
    previous = t;
    if (t < from || t > to) continue;
    out.time[n] = t;
    out.open[n] = o;
    out.high[n] = h;
    out.low[n] = l;
    out.close[n] = c;
    out.volume[n] = v;
    n++;
  }
  return sliceSeries(out, 0, n);
}

function bad(row: number, field: string, value: unknown, why = 'invalid'): ExchangeError {
  return new ExchangeError(`fetchOHLCV row ${row}: ${field} ${why} (${JSON.stringify(value)})`, 'BAD_REPLY', { field, value, row });
}
