// periodsPerYear inference: 252 for weekday-only daily bars, else 365 × bars per day.
import { describe, expect, it } from 'vitest';
import {
  barInterval, inferPeriodsPerYear, resolvePeriodsPerYear, weekendShare,
} from '../../../../electron/engine/backtest/metrics';
import { DAY, HOUR, MONDAY, evenTimes } from './helpers';

/** Weekday-only daily bars, like stock data: Mon..Fri, skip Sat/Sun. */
function weekdayTimes(weeks: number): Float64Array {
  const out: number[] = [];
  for (let w = 0; w < weeks; w++) for (let d = 0; d < 5; d++) out.push(MONDAY + (w * 7 + d) * DAY);
  return Float64Array.from(out);
}

describe('inferPeriodsPerYear', () => {
  it('crypto hourly bars → 365 × 24 = 8760', () => {
    expect(inferPeriodsPerYear(evenTimes(100, HOUR))).toBe(8760);
  });
  it('crypto minute bars → 365 × 1440 = 525600', () => {
    expect(inferPeriodsPerYear(evenTimes(100, 60_000))).toBe(525_600);
  });
  it('daily bars every day of the week → 365', () => {
    expect(inferPeriodsPerYear(evenTimes(30, DAY))).toBe(365);
  });
  it('daily bars on weekdays only (stocks) → 252', () => {
    expect(inferPeriodsPerYear(weekdayTimes(6))).toBe(252);
  });
  it('daily bars stamped at local midnight (23 h across DST) still count as daily', () => {
    const t = evenTimes(30, DAY);
    for (let i = 10; i < 30; i++) t[i] -= HOUR;
    expect(inferPeriodsPerYear(t)).toBe(365);
  });
  it('missing bars do not change the interval: the smallest positive gap wins', () => {
    const t = Float64Array.from([0, HOUR, 5 * HOUR, 6 * HOUR, 30 * HOUR]);
    expect(barInterval(t)).toBe(HOUR);
    expect(inferPeriodsPerYear(t)).toBe(8760);
  });
  it('4h bars → 365 × 6 = 2190; weekly → 365 / 7', () => {
    expect(inferPeriodsPerYear(evenTimes(10, 4 * HOUR))).toBe(2190);
    expect(inferPeriodsPerYear(evenTimes(10, 7 * DAY))).toBeCloseTo(365 / 7, 12);
  });
  it('NaN with fewer than two distinct times', () => {
    expect(inferPeriodsPerYear(new Float64Array(0))).toBeNaN();
    expect(inferPeriodsPerYear(Float64Array.of(MONDAY))).toBeNaN();
    expect(inferPeriodsPerYear(Float64Array.of(MONDAY, MONDAY))).toBeNaN();
  });
});

describe('weekendShare / resolvePeriodsPerYear', () => {
  it('one full week of daily bars has 2/7 weekend bars; 2024-01-06 is a Saturday', () => {
    expect(weekendShare(evenTimes(7, DAY))).toBeCloseTo(2 / 7, 12);
    expect(weekendShare(Float64Array.of(Date.UTC(2024, 0, 6)))).toBe(1);
    expect(weekendShare(Float64Array.of(Date.UTC(1969, 11, 28)))).toBe(1); // a Sunday before the epoch
  });
  it('uses a valid caller value, otherwise infers', () => {
    const t = evenTimes(10, HOUR);
    expect(resolvePeriodsPerYear(t, 252)).toBe(252);
    expect(resolvePeriodsPerYear(t, 0)).toBe(8760);
    expect(resolvePeriodsPerYear(t, Number.NaN)).toBe(8760);
    expect(resolvePeriodsPerYear(t, undefined)).toBe(8760);
  });
});
