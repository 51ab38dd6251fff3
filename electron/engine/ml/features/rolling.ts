// Window state the features need beyond the indicators: rolling sums and moments (lagged values use the indicators'
// RingBuffer). Batch and stream both push bar by bar through these, so their answers are identical by construction.
import type { SortedWindow } from '../../agents/sorted-window';

/**
 * Sum, mean and population deviation of the last `window` finite values (non-finite ones are skipped, as
 * SortedWindow skips NaN: warm-up and bad bars are not history). Sums are kept by add/subtract, O(1) per value, and
 * rebuilt from the window once per lap so rounding error cannot pile up over millions of bars (O(1) amortised).
 */
export class RollingMoments {
  private readonly ring: Float64Array;
  private head = 0;
  private size = 0;
  private total = 0;
  private totalSq = 0;

  constructor(readonly window: number) {
    this.ring = new Float64Array(window);
  }

  get full(): boolean {
    return this.size === this.window;
  }

  push(x: number): void {
    if (!Number.isFinite(x)) return;
    if (this.size === this.window) {
      const old = this.ring[this.head];
      this.total -= old;
      this.totalSq -= old * old;
    } else {
      this.size++;
    }
    this.ring[this.head] = x;
    this.total += x;
    this.totalSq += x * x;
    this.head = this.head + 1 === this.window ? 0 : this.head + 1;
    if (this.head === 0) this.rebuild();
  }

  /** Sum of the window; NaN until full. */
  sum(): number {
    return this.size === this.window ? this.total : NaN;
  }

  mean(): number {
    return this.size === this.window ? this.total / this.window : NaN;
  }

  /** Population standard deviation; NaN until full. */
  std(): number {
    if (this.size !== this.window) return NaN;
    const mean = this.total / this.window;
    const variance = this.totalSq / this.window - mean * mean;
    return variance > 0 ? Math.sqrt(variance) : 0;
  }

  private rebuild(): void {
    let total = 0;
    let totalSq = 0;
    for (let i = 0; i < this.size; i++) {
      const x = this.ring[i];
      total += x;
      totalSq += x * x;
    }
    this.total = total;
    this.totalSq = totalSq;
  }
}

/**
 * Percentile rank (0..1] of `value` among the window's values after pushing it (the current bar included); NaN until
 * the window is full, so a rank never compares against a short history.
 */
export function windowRank(window: SortedWindow, value: number): number {
  const rank = window.pushAndRank(value);
  return window.full ? rank : NaN;
}
