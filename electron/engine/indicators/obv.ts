// On-balance volume as TA-Lib OBV: starts at the first bar's volume (tulip starts at 0), no warm-up.
import { checkSameLength } from './params';

export function obv(close: Float64Array, volume: Float64Array): Float64Array {
  const n = checkSameLength(close, volume);
  const out = new Float64Array(n);
  if (n === 0) return out;
  let total = volume[0];
  out[0] = total;
  for (let i = 1; i < n; i++) {
    if (close[i] > close[i - 1]) total += volume[i];
    else if (close[i] < close[i - 1]) total -= volume[i];
    out[i] = total;
  }
  return out;
}

export class ObvStream {
  private total = NaN;
  private prevClose = NaN;

  update(bar: { close: number; volume: number }): number {
    if (Number.isNaN(this.prevClose)) this.total = bar.volume;
    else if (bar.close > this.prevClose) this.total += bar.volume;
    else if (bar.close < this.prevClose) this.total -= bar.volume;
    this.prevClose = bar.close;
    return this.total;
  }
}
