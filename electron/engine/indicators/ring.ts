// Fixed-capacity ring buffer over a Float64Array: the window store behind O(1) streaming updates.

export class RingBuffer {
  private readonly buf: Float64Array;
  private head = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.buf = new Float64Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  get full(): boolean {
    return this.size === this.capacity;
  }

  /** Appends a value; returns the value it pushed out, or NaN while not yet full. */
  push(value: number): number {
    const evicted = this.size === this.capacity ? this.buf[this.head] : NaN;
    this.buf[this.head] = value;
    this.head = this.head + 1 === this.capacity ? 0 : this.head + 1;
    if (this.size < this.capacity) this.size++;
    return evicted;
  }

  /** The value pushed `k` pushes ago: ago(0) is the newest; NaN for ages not held. */
  ago(k: number): number {
    if (k >= this.size) return NaN;
    const at = this.head - 1 - k;
    return this.buf[at < 0 ? at + this.capacity : at];
  }

  /** The oldest value held (NaN when empty). */
  oldest(): number {
    if (this.size === 0) return NaN;
    return this.size === this.capacity ? this.buf[this.head] : this.buf[0];
  }
}
