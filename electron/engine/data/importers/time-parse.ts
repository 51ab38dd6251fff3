// Turns a date/time field (ISO-like text or epoch s/ms/µs/ns) into UTC epoch milliseconds, from bytes.
import { parseNum } from './num-parse';

/** Epoch values are told apart by magnitude: Binance switched from ms to µs in 2025, others use seconds. */
export function epochToMs(v: number): number {
  const a = Math.abs(v);
  if (a < 1e11) return v * 1000; // seconds (until year 5138)
  if (a < 1e14) return v; // milliseconds
  if (a < 1e17) return Math.floor(v / 1000); // microseconds
  return Math.floor(v / 1e6); // nanoseconds
}

/** Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function digitsAt(buf: Uint8Array, i: number, n: number, end: number): number {
  if (i + n > end) return -1;
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = buf[i + k] - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Parses "YYYY-MM-DD" with optional "[T ]HH:MM[:SS[.fff]]" and "Z"/"±HH[:]MM"; no zone means UTC. NaN if malformed. */
export function parseIsoMs(buf: Uint8Array, start: number, end: number): number {
  const y = digitsAt(buf, start, 4, end);
  const sep = buf[start + 4];
  if (y < 0 || (sep !== 45 && sep !== 47) || buf[start + 7] !== sep) return NaN;
  const mo = digitsAt(buf, start + 5, 2, end);
  const d = digitsAt(buf, start + 8, 2, end);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return NaN;
  const date = daysFromCivil(y, mo, d) * 86_400_000;
  const i = start + 10;
  if (i === end) return date;
  if (buf[i] !== 84 && buf[i] !== 32) return NaN;
  const tod = parseTimeOfDay(buf, i + 1, end);
  return Number.isNaN(tod) ? NaN : date + tod;
}

/** "HH:MM[:SS[.fff]]" plus an optional zone, as ms after midnight UTC (NaN if malformed). */
export function parseTimeOfDay(buf: Uint8Array, i: number, end: number): number {
  const h = digitsAt(buf, i, 2, end);
  const mi = digitsAt(buf, i + 3, 2, end);
  if (h < 0 || h > 24 || buf[i + 2] !== 58 || mi < 0 || mi > 59) return NaN;
  let ms = (h * 60 + mi) * 60_000;
  i += 5;
  if (i < end && buf[i] === 58) {
    const s = digitsAt(buf, i + 1, 2, end);
    if (s < 0 || s > 60) return NaN;
    ms += s * 1000;
    i += 3;
    if (i < end && (buf[i] === 46 || buf[i] === 44)) {
      let scale = 100;
      for (i++; i < end && buf[i] >= 48 && buf[i] <= 57; i++, scale /= 10) ms += (buf[i] - 48) * scale;
      ms = Math.floor(ms);
    }
  }
  const zone = parseZone(buf, i, end);
  return Number.isNaN(zone) ? NaN : ms - zone;
}

function parseZone(buf: Uint8Array, i: number, end: number): number {
  if (i === end) return 0;
  if (buf[i] === 90 || buf[i] === 122) return i + 1 === end ? 0 : NaN;
  if (buf[i] !== 43 && buf[i] !== 45) return NaN;
  const sign = buf[i] === 45 ? -1 : 1;
  const h = digitsAt(buf, i + 1, 2, end);
  const colon = buf[i + 3] === 58 ? 1 : 0;
  const m = i + 3 === end ? 0 : digitsAt(buf, i + 3 + colon, 2, end);
  const used = i + 3 === end ? 3 : 5 + colon;
  if (h < 0 || m < 0 || i + used !== end) return NaN;
  return sign * (h * 60 + m) * 60_000;
}

/** A time field in any supported form; quotes and spaces around it are ignored. */
export function parseTimeField(buf: Uint8Array, start: number, end: number): number {
  while (start < end && (buf[start] === 32 || buf[start] === 34)) start++;
  while (end > start && (buf[end - 1] === 32 || buf[end - 1] === 34 || buf[end - 1] === 13)) end--;
  if (end - start >= 10 && (buf[start + 4] === 45 || buf[start + 4] === 47)) return parseIsoMs(buf, start, end);
  const v = parseNum(buf, start, end);
  return Number.isNaN(v) ? NaN : epochToMs(v);
}
