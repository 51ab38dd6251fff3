// Parses decimal numbers straight from bytes, so hot loops never build a string per field.

const POW10: number[] = [];
for (let i = 0; i <= 22; i++) POW10.push(10 ** i);
const MAX_EXACT = 9007199254740992; // 2^53
const latin1 = new TextDecoder('latin1');

/**
 * Number in buf[start, end) (surrounding spaces/quotes allowed), NaN if it is not a number.
 * Fast path (Clinger): an exact integer mantissa times an exact power of ten <= 22 is one correctly
 * rounded operation, so the result equals Number(text); everything else falls back to Number().
 */
export function parseNum(buf: Uint8Array, start: number, end: number): number {
  while (start < end && (buf[start] === 32 || buf[start] === 34)) start++;
  while (end > start && (buf[end - 1] === 32 || buf[end - 1] === 34 || buf[end - 1] === 13)) end--;
  if (start === end) return NaN;
  let i = start;
  let sign = 1;
  if (buf[i] === 45) { sign = -1; i++; } else if (buf[i] === 43) i++;
  let m = 0;
  let digits = 0;
  let frac = 0;
  let dot = false;
  for (; i < end; i++) {
    const c = buf[i];
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (dot) frac++;
    } else if (c === 46 && !dot) dot = true;
    else break;
  }
  if (digits === 0) return slowParse(buf, start, end);
  let exp = 0;
  if (i < end && (buf[i] === 101 || buf[i] === 69)) {
    const e = parseExponent(buf, i + 1, end);
    if (e === undefined) return NaN;
    exp = e;
    i = end;
  }
  if (i !== end || m > MAX_EXACT) return slowParse(buf, start, end);
  const p = exp - frac;
  if (p === 0) return sign * m;
  if (p < 0 && p >= -22) return (sign * m) / POW10[-p];
  if (p > 0 && p <= 22) return sign * m * POW10[p];
  return slowParse(buf, start, end);
}

function parseExponent(buf: Uint8Array, i: number, end: number): number | undefined {
  let sign = 1;
  if (buf[i] === 45) { sign = -1; i++; } else if (buf[i] === 43) i++;
  if (i >= end) return undefined;
  let e = 0;
  for (; i < end; i++) {
    const c = buf[i];
    if (c < 48 || c > 57) return undefined;
    e = e * 10 + (c - 48);
  }
  return sign * e;
}

function slowParse(buf: Uint8Array, start: number, end: number): number {
  const text = latin1.decode(buf.subarray(start, end));
  // Number('Infinity') and hex literals are not data we accept.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return NaN;
  return Number(text);
}

/** Field text for problem reports (only on the error path). */
export function fieldText(buf: Uint8Array, start: number, end: number): string {
  const text = latin1.decode(buf.subarray(start, Math.min(end, start + 80)));
  return end - start > 80 ? `${text}…` : text;
}

/** Result slot for scanNum, reused so the hot loop allocates nothing. */
export const scanned = { value: NaN };

/**
 * Parses the field starting at `start` up to the next `delim` (or `end`) in one pass and returns the
 * delimiter's index; the number lands in scanned.value. Anything unusual defers to parseNum.
 */
export function scanNum(buf: Uint8Array, start: number, end: number, delim: number): number {
  let i = start;
  let m = 0;
  let frac = 0;
  let dot = false;
  for (; i < end; i++) {
    const c = buf[i];
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      if (dot) frac++;
    } else if (c === 46 && !dot) dot = true;
    else break;
  }
  if (i < end && buf[i] !== delim) {
    while (i < end && buf[i] !== delim) i++;
    scanned.value = parseNum(buf, start, i);
    return i;
  }
  scanned.value = i === start || m > MAX_EXACT || frac > 22 ? parseNum(buf, start, i) : frac === 0 ? m : m / POW10[frac];
  return i;
}
