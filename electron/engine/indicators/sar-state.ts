// Parabolic SAR state machine in TA-Lib's exact order: direction from bar 1's -DM, stop clamped into the last two bars' range.

export class SarState {
  private count = 0;
  private isLong = true;
  private af: number;
  private ep = NaN;
  private sar = NaN;
  private prevHigh = NaN;
  private prevLow = NaN;

  constructor(
    private readonly step: number,
    private readonly max: number,
  ) {
    this.af = step;
  }

  /** Feeds one bar and returns the SAR reported for it (NaN for bar 0). */
  next(high: number, low: number): number {
    const n = this.count++;
    if (n === 0) {
      this.prevHigh = high;
      this.prevLow = low;
      return NaN;
    }
    if (n === 1) this.start(high, low);
    const out = this.isLong ? this.longBar(high, low) : this.shortBar(high, low);
    this.prevHigh = high;
    this.prevLow = low;
    return out;
  }

  /** TA-Lib starts short only when bar 1 has a positive -DM; the first SAR is bar 0's extreme. */
  private start(high: number, low: number): void {
    const diffP = high - this.prevHigh;
    const diffM = this.prevLow - low;
    this.isLong = !(diffM > 0 && diffP < diffM);
    this.ep = this.isLong ? high : low;
    this.sar = this.isLong ? this.prevLow : this.prevHigh;
    // TA-Lib "cheats" so bar 1 counts as its own previous bar.
    this.prevHigh = high;
    this.prevLow = low;
  }

  private longBar(high: number, low: number): number {
    if (low <= this.sar) {
      this.isLong = false;
      const out = this.atLeast(this.ep, high);
      this.af = this.step;
      this.ep = low;
      this.sar = this.atLeast(out + this.af * (this.ep - out), high);
      return out;
    }
    const out = this.sar;
    if (high > this.ep) {
      this.ep = high;
      this.af = Math.min(this.af + this.step, this.max);
    }
    this.sar = this.atMost(this.sar + this.af * (this.ep - this.sar), low);
    return out;
  }

  private shortBar(high: number, low: number): number {
    if (high >= this.sar) {
      this.isLong = true;
      const out = this.atMost(this.ep, low);
      this.af = this.step;
      this.ep = high;
      this.sar = this.atMost(out + this.af * (this.ep - out), low);
      return out;
    }
    const out = this.sar;
    if (low < this.ep) {
      this.ep = low;
      this.af = Math.min(this.af + this.step, this.max);
    }
    this.sar = this.atLeast(this.sar + this.af * (this.ep - this.sar), high);
    return out;
  }

  /** Keeps a short stop at or above the previous and current highs. */
  private atLeast(v: number, high: number): number {
    if (v < this.prevHigh) v = this.prevHigh;
    return v < high ? high : v;
  }

  /** Keeps a long stop at or below the previous and current lows. */
  private atMost(v: number, low: number): number {
    if (v > this.prevLow) v = this.prevLow;
    return v > low ? low : v;
  }
}
