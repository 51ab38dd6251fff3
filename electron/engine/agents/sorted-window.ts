// The last N values kept both in arrival order and sorted: rolling percentile rank and median with no look-ahead.
// Batch and streaming forms both push bar by bar through this one class, so their answers are identical by construction.

export class SortedWindow {
  private readonly arrival: Float64Array;
  private readonly sorted: Float64Array;
  private head = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.arrival = new Float64Array(capacity);
    this.sorted = new Float64Array(capacity);
  }

  get full(): boolean {
    return this.size === this.capacity;
  }

  /** Adds a value, dropping the oldest once full. NaN is ignored: warm-up values are not history. O(capacity) memmove. */
  push(value: number): void {
    if (Number.isNaN(value)) return;
    if (this.size === this.capacity) {
      this.removeSorted(this.arrival[this.head]);
    } else {
      this.size++;
    }
    this.arrival[this.head] = value;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    this.insertSorted(value);
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

  private removeSorted(value: number): void {
    const n = this.size;
    const at = this.lowerBound(value, n);
    this.sorted.copyWithin(at, at + 1, n);
  }

  /** Inserts into sorted[], which holds size-1 values at this point (push has already counted the new one). */
  private insertSorted(value: number): void {
    const n = this.size - 1;
    const at = this.upperBound(value, n);
    this.sorted.copyWithin(at + 1, at, n);
    this.sorted[at] = value;
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
