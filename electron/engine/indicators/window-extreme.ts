// Sliding-window max or min with a monotonic deque: amortised O(1) per value for Donchian, Stochastic, Williams %R.

export class WindowExtreme {
  private readonly idx: Float64Array;
  private readonly val: Float64Array;
  private front = 0;
  private count = 0;
  private t = 0;

  /** wantMax picks max (true) or min (false) over the last `window` values. */
  constructor(
    private readonly window: number,
    private readonly wantMax: boolean,
  ) {
    // The deque never holds more than `window` entries, so a ring of that size suffices.
    this.idx = new Float64Array(window);
    this.val = new Float64Array(window);
  }

  /** Adds the next value and returns the extreme of the last `window` values seen (fewer at the start). */
  push(value: number): number {
    const cap = this.window;
    // Drop entries the new value dominates; ties keep the newer one so it survives longer.
    while (this.count > 0) {
      const back = (this.front + this.count - 1) % cap;
      const v = this.val[back];
      if (this.wantMax ? v > value : v < value) break;
      this.count--;
    }
    if (this.count > 0 && this.idx[this.front] <= this.t - cap) {
      this.front = (this.front + 1) % cap;
      this.count--;
    }
    const slot = (this.front + this.count) % cap;
    this.idx[slot] = this.t;
    this.val[slot] = value;
    this.count++;
    this.t++;
    return this.val[this.front];
  }
}
