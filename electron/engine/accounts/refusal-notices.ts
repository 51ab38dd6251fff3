// A session's orders refused by the risk gate: the trader is told of each kind of refusal once, not on every bar the
// strategy asks again (the refusal itself is stored on every decision it hit).

/** The same kind of refusal is told again after this long (an hour of engine time). */
export const REPEAT_AFTER_MS = 60 * 60_000;

/** The refusal without its numbers: "order BTC/USDT notional # USDT > # USDT limit". */
export const refusalKind = (reason: string): string => reason.replace(/\d[\d.,]*/g, '#');

export class RefusalNotices {
  private last: { kind: string; at: number } | undefined;

  /** Whether this refusal is news: another kind than the last one told, or the same one told over an hour ago. */
  isNews(reason: string, now: number): boolean {
    const kind = refusalKind(reason);
    if (this.last && this.last.kind === kind && now - this.last.at < REPEAT_AFTER_MS) return false;
    this.last = { kind, at: now };
    return true;
  }
}
