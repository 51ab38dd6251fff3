// Walk-forward windows: consecutive, non-overlapping test spans, each preceded by its train span (rolling or anchored).
import { ConfigError } from '../errors';
import { sliceSeries, type CandleSeries } from '../model/candle-series';
import { firstAtOrAfter } from './replay-feed';

/** A window length in bars, or in wall-clock milliseconds. */
export type Span = { bars: number } | { ms: number };

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "30d", "12h", "90m", "2w" → a duration; "5000" or "5000bars" → a bar count. */
export function parseSpan(text: string, field: string): Span {
  const m = /^(\d+)\s*(m|h|d|w|b|bars?)?$/.exec(text.trim());
  const n = m ? Number(m[1]) : Number.NaN;
  if (!m || !(n > 0)) throw new ConfigError(`--${field} must look like 30d, 12h, 90m, 2w or a bar count (500), got ${JSON.stringify(text)}`, 'CLI_ARGS', { field, value: text });
  const unit = m[2];
  return unit && UNIT_MS[unit] ? { ms: n * UNIT_MS[unit] } : { bars: n };
}

export function formatSpan(span: Span): string {
  if ('bars' in span) return `${span.bars} bars`;
  const [unit, ms] = Object.entries(UNIT_MS).reverse().find(([, ms]) => span.ms % ms === 0) ?? ['m', 60_000];
  return `${span.ms / ms}${unit}`;
}

/** Bar index ranges [from, to) into the series. */
export interface WalkWindow {
  index: number;
  train: { from: number; to: number };
  test: { from: number; to: number };
}

/** The smallest gap between the first bars: how far past the last bar's time the data still "covers". */
function barStep(time: Float64Array): number {
  let step = Infinity;
  for (let i = 1; i < Math.min(time.length, 1000); i++) step = Math.min(step, time[i] - time[i - 1]);
  return Number.isFinite(step) ? step : 0;
}

/** End (exclusive) of the span starting at bar `from`, or -1 when the data stops before the span is complete. */
function spanEnd(s: CandleSeries, from: number, span: Span, step: number): number {
  if ('bars' in span) return from + span.bars <= s.length ? from + span.bars : -1;
  const until = s.time[from] + span.ms;
  const end = firstAtOrAfter(s, until);
  return end < s.length || s.time[s.length - 1] + step >= until ? end : -1;
}

/** Start of the span that ends just before bar `to` (clamped to the first bar). */
function spanStart(s: CandleSeries, to: number, span: Span): number {
  if ('bars' in span) return Math.max(0, to - span.bars);
  return firstAtOrAfter(s, s.time[to] - span.ms);
}

/**
 * Test spans tile the data after the first train span: each starts where the previous one ended, so no bar is
 * tested twice. Rolling: the train span is the `train` length just before the test. Anchored: it starts at bar 0.
 * Only complete test spans are used; a shorter tail at the end of the data is left out.
 */
export function buildWindows(s: CandleSeries, train: Span, test: Span, anchored: boolean): WalkWindow[] {
  const step = barStep(s.time);
  const out: WalkWindow[] = [];
  let testFrom = spanEnd(s, 0, train, step);
  while (testFrom > 0 && testFrom < s.length) {
    const testTo = spanEnd(s, testFrom, test, step);
    if (testTo <= testFrom) break;
    out.push({ index: out.length, train: { from: anchored ? 0 : spanStart(s, testFrom, train), to: testFrom }, test: { from: testFrom, to: testTo } });
    testFrom = testTo;
  }
  return out;
}

/** A walk-forward's from/to cut the data the windows tile (both inclusive); bars outside are not used at all. */
export function clipSeries(s: CandleSeries, from?: number, to?: number): CandleSeries {
  const a = from === undefined ? 0 : firstAtOrAfter(s, from);
  const b = to === undefined ? s.length : firstAtOrAfter(s, to + 1);
  return a === 0 && b === s.length ? s : sliceSeries(s, a, b);
}
