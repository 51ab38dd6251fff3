// Rate-limits repeated identical log lines, so a client hammering one refusal cannot flood the log.

export interface LogThrottleOptions {
  /** How many occurrences of one key are logged per window. */
  perWindow?: number;
  windowMs?: number;
  now?: () => number;
}

export interface Admission {
  log: boolean;
  /** Occurrences dropped in the previous window, reported once on the first line logged after it. */
  suppressed: number;
}

interface Slot {
  start: number;
  count: number;
  carried: number;
}

/** Keys kept at once; a client inventing new keys must not grow memory without bound. */
const MAX_KEYS = 1_000;

export class LogThrottle {
  private readonly perWindow: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  // Map keeps insertion order, so the first key is the oldest one to evict.
  private readonly slots = new Map<string, Slot>();

  constructor({ perWindow = 5, windowMs = 10_000, now = Date.now }: LogThrottleOptions = {}) {
    this.perWindow = perWindow;
    this.windowMs = windowMs;
    this.now = now;
  }

  admit(key: string): Admission {
    const t = this.now();
    let slot = this.slots.get(key);
    if (slot && t - slot.start >= this.windowMs) {
      // Window rolled over: start afresh, carrying what was dropped so the next logged line can say so.
      const dropped = Math.max(0, slot.count - this.perWindow) + slot.carried;
      this.slots.delete(key);
      slot = { start: t, count: 0, carried: dropped };
    }
    if (!slot) {
      slot = { start: t, count: 0, carried: 0 };
      if (this.slots.size >= MAX_KEYS) this.slots.delete(this.slots.keys().next().value as string);
    }
    this.slots.set(key, slot);
    slot.count += 1;
    if (slot.count > this.perWindow) return { log: false, suppressed: 0 };
    const suppressed = slot.carried;
    slot.carried = 0;
    return { log: true, suppressed };
  }

  get size(): number {
    return this.slots.size;
  }
}
