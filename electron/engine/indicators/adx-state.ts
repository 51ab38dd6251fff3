// The Wilder DM/TR/DX recurrences behind ADX and ±DI, one bar at a time, in TA-Lib's exact operation order.
import { taIsZero } from './params';
import { trueRange } from './true-range';

export class AdxState {
  adx = NaN;
  plusDI = NaN;
  minusDI = NaN;
  private count = 0;
  private prevHigh = NaN;
  private prevLow = NaN;
  private prevClose = NaN;
  private plusDM = 0;
  private minusDM = 0;
  private tr = 0;
  private sumDX = 0;

  constructor(private readonly period: number) {}

  step(high: number, low: number, close: number): void {
    const n = this.count++;
    const p = this.period;
    const diffP = high - this.prevHigh;
    const diffM = this.prevLow - low;
    const tr = trueRange(high, low, this.prevClose);
    this.prevHigh = high;
    this.prevLow = low;
    this.prevClose = close;
    if (n === 0) return;
    // Bars 1..period-1 only accumulate; from bar `period` on, TA-Lib decays before adding.
    if (n >= p) {
      this.minusDM -= this.minusDM / p;
      this.plusDM -= this.plusDM / p;
    }
    if (diffM > 0 && diffP < diffM) this.minusDM += diffM;
    else if (diffP > 0 && diffP > diffM) this.plusDM += diffP;
    this.tr = n >= p ? this.tr - this.tr / p + tr : this.tr + tr;
    if (n >= p) this.emit(n);
  }

  private emit(n: number): void {
    const p = this.period;
    // PLUS_DI/MINUS_DI report 0 on a zero range; ADX instead keeps its previous value.
    if (taIsZero(this.tr)) {
      this.plusDI = 0;
      this.minusDI = 0;
    } else {
      this.minusDI = 100.0 * (this.minusDM / this.tr);
      this.plusDI = 100.0 * (this.plusDM / this.tr);
    }
    const diSum = this.minusDI + this.plusDI;
    const hasDX = !taIsZero(this.tr) && !taIsZero(diSum);
    const dx = hasDX ? 100.0 * (Math.abs(this.minusDI - this.plusDI) / diSum) : 0;
    const lastSeed = 2 * p - 1;
    if (n < lastSeed) {
      if (hasDX) this.sumDX += dx;
    } else if (n === lastSeed) {
      if (hasDX) this.sumDX += dx;
      this.adx = this.sumDX / p;
    } else if (hasDX) {
      this.adx = (this.adx * (p - 1) + dx) / p;
    }
  }
}
