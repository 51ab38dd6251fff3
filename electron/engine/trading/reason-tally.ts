// Counts reasons that differ only in their numbers as one reason, keeping the first wording (skipped entries, vetoes).

export interface ReasonCount {
  /** The first occurrence's wording, with its numbers. */
  reason: string;
  count: number;
}

/** A reason with every number masked: "price 46,000 > cash 10,000" and "price 47,120.5 > cash 9,980" are one cause. */
function causeOf(reason: string): string {
  return reason.replace(/\d[\d,.]*/g, '#');
}

export class ReasonTally {
  private readonly byCause = new Map<string, ReasonCount>();
  private count = 0;

  add(reason: string): void {
    this.count++;
    const cause = causeOf(reason);
    const seen = this.byCause.get(cause);
    if (seen) seen.count++;
    else this.byCause.set(cause, { reason, count: 1 });
  }

  /** Occurrences of every reason together. */
  get total(): number {
    return this.count;
  }

  /** One row per cause, in order of first occurrence (copies). */
  list(): ReasonCount[] {
    return [...this.byCause.values()].map((r) => ({ ...r }));
  }
}
