// Indicator lines shared by the jobs of one sweep on one series: SMA(5) computed once serves every combination with
// fast=5. A 16-job sma-cross grid needs 8 distinct lines, not 32; and each fresh line was a large allocation whose
// pages the kernel had to fault in (the dearest part of an SMA here). Least recently used lines leave past a budget.
export class LineMemo {
  private readonly lines = new Map<string, Float64Array>();
  private bytes = 0;
  /** The values the lines were computed on: a memo serves one series only, and starts over on another. */
  private source: Float64Array | undefined;

  constructor(
    /** At most this many bytes of lines are kept (one year of 1m is 4.2 MB a line). */
    private readonly maxBytes = 64e6,
  ) {}

  /** The line `key` (e.g. "SMA(20)") of `values`, computed by `compute` the first time. Callers must not write to it. */
  line(values: Float64Array, key: string, compute: () => Float64Array): Float64Array {
    if (values !== this.source) {
      this.lines.clear();
      this.bytes = 0;
      this.source = values;
    }
    const known = this.lines.get(key);
    if (known) {
      // Re-inserted: a Map keeps insertion order, so the first entry is always the least recently used.
      this.lines.delete(key);
      this.lines.set(key, known);
      return known;
    }
    const made = compute();
    this.lines.set(key, made);
    this.bytes += made.byteLength;
    for (const [k, v] of this.lines) {
      if (this.bytes <= this.maxBytes || k === key) break;
      this.lines.delete(k);
      this.bytes -= v.byteLength;
    }
    return made;
  }

  /** Lines kept now, for tests and figures. */
  get size(): number {
    return this.lines.size;
  }
}

/** `compute()` through `memo` when there is one (a sweep), else at once (a single run, a live session). */
export function memoLine(memo: LineMemo | undefined, values: Float64Array, key: string, compute: () => Float64Array): Float64Array {
  return memo ? memo.line(values, key, compute) : compute();
}
