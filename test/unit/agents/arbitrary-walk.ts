// fast-check random-walk candle series long enough (40–160 bars) to get every agent past warm-up.
import type fc from 'fast-check';
import type { CandleSeries } from '../../../electron/engine/model/candle-series';
import { arbitraryCandles } from '../../support/arbitrary-candles';

export function arbitraryWalk(minLength = 40, maxLength = 160): fc.Arbitrary<CandleSeries> {
  return arbitraryCandles({ minLength, maxLength, flatOneIn: 10 });
}
