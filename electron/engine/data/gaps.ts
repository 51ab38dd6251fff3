// Finds runs of missing bars in a time column, given the bar timeframe.
import { TIMEFRAME_MS, type Timeframe } from '../../../shared/domain';

export interface GapRange {
  /** Open time of the first missing bar. */
  from: number;
  /** Open time of the last missing bar. */
  to: number;
  /** Number of missing bars. */
  bars: number;
}

/**
 * The missing bars between two consecutive bar times, if any. Rounding the spacing tolerates the few
 * milliseconds of jitter some sources have (freqtrade funding-rate files), so jitter is never a gap.
 */
export function gapBetween(prev: number, next: number, tfMs: number): GapRange | undefined {
  const bars = Math.round((next - prev) / tfMs) - 1;
  if (bars < 1) return undefined;
  return { from: prev + tfMs, to: prev + bars * tfMs, bars };
}

export function findGaps(time: Float64Array, timeframe: Timeframe): GapRange[] {
  const tfMs = TIMEFRAME_MS[timeframe];
  const gaps: GapRange[] = [];
  for (let i = 1; i < time.length; i++) {
    if (time[i] - time[i - 1] < 1.5 * tfMs) continue;
    const gap = gapBetween(time[i - 1], time[i], tfMs);
    if (gap) gaps.push(gap);
  }
  return gaps;
}

/** Streaming form for importers: feed times in order; keeps at most `cap` ranges and counts the rest. */
export class GapCollector {
  readonly gaps: GapRange[] = [];
  omitted = 0;
  private prev = NaN;

  constructor(
    private readonly tfMs: number,
    private readonly cap = 10_000,
  ) {}

  add(time: number): void {
    const prev = this.prev;
    this.prev = time;
    if (!(time - prev >= 1.5 * this.tfMs)) return;
    const gap = gapBetween(prev, time, this.tfMs);
    if (!gap) return;
    if (this.gaps.length < this.cap) this.gaps.push(gap);
    else this.omitted++;
  }
}
