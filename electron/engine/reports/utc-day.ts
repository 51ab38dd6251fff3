// UTC calendar days for reports: "2026-11-30" ↔ [00:00, 24:00) in ms, yesterday, the next midnight.
import { ConfigError } from '../errors';

export const DAY_MS = 86_400_000;

export interface UtcDay {
  /** YYYY-MM-DD */
  date: string;
  /** 00:00:00.000 UTC of the day, inclusive. */
  from: number;
  /** 00:00:00.000 UTC of the next day, exclusive. */
  to: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The UTC day a date names; anything but a real YYYY-MM-DD day is a ConfigError naming `field` (the CLI's --date). */
export function parseUtcDay(text: string, field = 'date'): UtcDay {
  const m = DATE.exec(text);
  const from = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  // Date.UTC rolls 2026-02-30 over to March: a day that does not exist does not come back as itself.
  if (!m || !Number.isFinite(from) || utcDateOf(from) !== text) {
    throw new ConfigError(`--${field} must be a UTC day written YYYY-MM-DD (e.g. 2026-11-30), got ${JSON.stringify(text)}`, 'CLI_ARGS', { field, value: text });
  }
  return { date: text, from, to: from + DAY_MS };
}

/** The UTC day containing `ms`, as YYYY-MM-DD. */
export function utcDateOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** 00:00 UTC of the day containing `ms`. */
export function utcDayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** The UTC day before the one containing `now` (the default day of a report: the last complete one). */
export function yesterdayUtc(now: number): string {
  return utcDateOf(utcDayStart(now) - DAY_MS);
}

/** The next 00:00 UTC strictly after `now`: when a day's report can be made. */
export function nextUtcMidnight(now: number): number {
  return utcDayStart(now) + DAY_MS;
}
