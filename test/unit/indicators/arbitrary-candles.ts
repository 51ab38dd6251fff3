// fast-check candle series for indicator properties: up to `maxLength` bars, half of them flat.
import type fc from 'fast-check';
import type { CandleSeries } from '../../../electron/engine/model/candle-series';
import { arbitraryCandles } from '../../support/arbitrary-candles';

export function arbitrarySeries(maxLength = 120): fc.Arbitrary<CandleSeries> {
  return arbitraryCandles({ maxLength });
}
