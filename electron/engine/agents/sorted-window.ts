// The last N values kept both in arrival order and sorted: rolling percentile rank and median with no look-ahead.
// Batch and streaming forms both push bar by bar through this one class, so their answers are identical by construction.

export class SortedWindow {
  private readonly arrival: Float64Array;
  private readonly sorted: Float64Array;
  private head = 0;
  private size = 0;
  /** 1 + the slot the last pushed value went to: its upper bound, i.e. how many held values are ≤ it. */
  private lastSlot = 0;

  constructor(readonly capacity: number) {
    this.arrival = new Float64Array(capacity);
    this.sorted = new Float64Array(capacity);
  }

  get full(): boolean {
    return this.size === this.capacity;
  }

  /**
   * Adds a value, dropping the oldest once full. NaN is ignored: warm-up values are not history. Once full, only the
   * values between the dropped one's slot and the new one's move, in one memmove rather than two.
   */
  push(value: number): void {
    if (Number.isNaN(value)) return;
    if (this.size === this.capacity) {
      this.replaceSorted(this.arrival[this.head], value);
    } else {
      this.size++;
      this.insertSorted(value);
    }
    this.arrival[this.head] = value;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
  }

  /** push(value) then rank(value), with one search fewer: the new value sits right after its equals. */
  pushAndRank(value: number): number {
    this.push(value);
    return Number.isNaN(value) || this.size === 0 ? NaN : this.lastSlot / this.size;
  }

  /** Fraction of held values ≤ value (0..1); NaN while empty. */
  rank(value: number): number {
    if (this.size === 0) return NaN;
    return this.upperBound(value, this.size) / this.size;
  }

  /** Median of the held values; NaN while empty. */
  median(): number {
    const n = this.size;
    if (n === 0) return NaN;
    const mid = n >> 1;
    return n % 2 === 1 ? this.sorted[mid] : (this.sorted[mid - 1] + this.sorted[mid]) / 2;
  }

  /**
   * Drops `old` (its leftmost copy) and inserts `value` after its equals: the same order two separate steps give,
   * so median() and rank() read identical arrays. at = old's slot; to = value's slot once old is gone.
   */
  private replaceSorted(old: number, value: number): void {
    const sorted = this.sorted;
    const n = this.size;
    const at = this.lowerBound(old, n);
    const to = this.upperBound(value, n) - (old <= value ? 1 : 0);
    if (to > at) sorted.copyWithin(at, at + 1, to + 1);
    else if (to < at) sorted.copyWithin(to + 1, to, at);
    sorted[to] = value;
    this.lastSlot = to + 1;
  }

  /** Inserts into sorted[], which holds size-1 values at this point (push has already counted the new one). */
  private insertSorted(value: number): void {
    const n = this.size - 1;
    const at = this.upperBound(value, n);
    this.sorted.copyWithin(at + 1, at, n);
    this.sorted[at] = value;
    this.lastSlot = at + 1;
  }

  private lowerBound(value: number, n: number): number {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private upperBound(value: number, n: number): number {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid] <= value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
