// Infers how many bars make a year from the bar timestamps, so annualization works without configuration.

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** backtesting.py: data "has weekends" when more than 60 % of the expected 2/7 of bars fall on Sat/Sun. */
const WEEKEND_SHARE_THRESHOLD = (2 / 7) * 0.6;

/** Smallest positive gap between consecutive bars: gaps in the data only ever make gaps larger. */
export function barInterval(time: Float64Array): number {
  let min = Infinity;
  for (let i = 1; i < time.length; i++) {
    const dt = time[i] - time[i - 1];
    if (dt > 0 && dt < min) min = dt;
  }
  return Number.isFinite(min) ? min : Number.NaN;
}

/** Share of bars whose UTC day is Saturday or Sunday. */
export function weekendShare(time: Float64Array): number {
  if (time.length === 0) return Number.NaN;
  let weekend = 0;
  for (let i = 0; i < time.length; i++) {
    // 1970-01-01 was a Thursday (day 4 when Sunday is 0).
    const dow = (((Math.floor(time[i] / DAY_MS) + 4) % 7) + 7) % 7;
    if (dow === 0 || dow === 6) weekend++;
  }
  return weekend / time.length;
}

/**
 * 252 for daily bars without weekends (exchange-traded stocks); otherwise 365 × bars per day
 * (crypto trades every day: 1d → 365, 1h → 8760, 1m → 525600). NaN with fewer than two distinct times.
 */
export function inferPeriodsPerYear(time: Float64Array): number {
  const interval = barInterval(time);
  if (!(interval > 0)) return Number.NaN;
  // A tolerance of an hour keeps daily bars stamped at local midnight (23 h / 25 h across DST) daily.
  const daily = Math.abs(interval - DAY_MS) <= HOUR_MS;
  if (daily) return weekendShare(time) > WEEKEND_SHARE_THRESHOLD ? 365 : 252;
  return (365 * DAY_MS) / interval;
}

/** The caller's value when it is a positive finite number, else the inferred one. */
export function resolvePeriodsPerYear(time: Float64Array, given: number | undefined): number {
  if (given !== undefined && Number.isFinite(given) && given > 0) return given;
  return inferPeriodsPerYear(time);
}
