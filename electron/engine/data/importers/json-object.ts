// Parses arrays of flat candle objects with string or numeric prices (trading-signals test data and similar).
import { JsonArrayScanner } from './json-array';
import { parseJsonNum } from './json-freqtrade';
import { fieldText } from './num-parse';
import { FIELD_NAMES, firstNaN, reportBadField, type RecordParser } from './parser';
import type { RowSink } from './row-sink';
import { parseTimeField } from './time-parse';

/** What the first object says about the file (names of the traded pair, bar length). */
export interface ObjectMeta {
  base?: string;
  counter?: string;
  sizeInMillis?: number;
}

const enum Slot { Time, Open, High, Low, Close, Volume, Iso, Size, Base, Counter }
const SLOTS = 10;
const KEYS: [string, Slot][] = [
  ['openTimeInMillis', Slot.Time], ['openTime', Slot.Time], ['time', Slot.Time], ['timestamp', Slot.Time], ['t', Slot.Time],
  ['openTimeInISO', Slot.Iso], ['date', Slot.Iso], ['datetime', Slot.Iso],
  ['open', Slot.Open], ['o', Slot.Open], ['high', Slot.High], ['h', Slot.High], ['low', Slot.Low], ['l', Slot.Low],
  ['close', Slot.Close], ['c', Slot.Close], ['volume', Slot.Volume], ['v', Slot.Volume],
  ['sizeInMillis', Slot.Size], ['base', Slot.Base], ['counter', Slot.Counter],
];
const KEY_BYTES = KEYS.map(([k, slot]) => ({ bytes: Buffer.from(k, 'latin1'), slot }));

function keySlot(buf: Uint8Array, s: number, e: number): number {
  const n = e - s;
  outer: for (const k of KEY_BYTES) {
    if (k.bytes.length !== n) continue;
    for (let i = 0; i < n; i++) if (k.bytes[i] !== buf[s + i]) continue outer;
    return k.slot;
  }
  return -1;
}

/** End (exclusive) of the string whose opening quote is at buf[i]. */
function stringEnd(buf: Uint8Array, i: number, e: number): number {
  for (i++; i < e && buf[i] !== 34; i++) if (buf[i] === 92) i++;
  return i;
}

function skipSpace(buf: Uint8Array, i: number, e: number): number {
  while (i < e && buf[i] <= 32) i++;
  return i;
}

export class ObjectJsonParser implements RecordParser {
  private readonly scanner: JsonArrayScanner;
  /** [start, end) of each slot's value in the current object; start -1 when absent. */
  private readonly spans = new Int32Array(SLOTS * 2);
  private readonly vals = new Float64Array(6);
  private first = true;

  constructor(
    private readonly sink: RowSink,
    private readonly onMeta?: (meta: ObjectMeta) => void,
  ) {
    this.scanner = new JsonArrayScanner(sink, 123, (buf, s, e, line) => this.parseObject(buf, s, e, line));
  }

  get fatal(): boolean {
    return this.scanner.fatal;
  }

  consume(buf: Uint8Array, final: boolean): number {
    return this.scanner.consume(buf, final);
  }

  /** buf[s] is "{" and buf[e] its "}". */
  private parseObject(buf: Uint8Array, s: number, e: number, line: number): void {
    if (!this.collectSpans(buf, s + 1, e)) {
      this.sink.bad(line, 'unparseable', undefined, fieldText(buf, s, e + 1), 'malformed object');
      return;
    }
    const sp = this.spans;
    if (this.first) this.emitMeta(buf);
    const missing = [Slot.Open, Slot.High, Slot.Low, Slot.Close].find((k) => sp[k * 2] < 0);
    if (missing !== undefined || (sp[Slot.Time * 2] < 0 && sp[Slot.Iso * 2] < 0)) {
      const field = FIELD_NAMES[missing === undefined ? 0 : (missing as number)];
      this.sink.bad(line, 'column-count', field, undefined, `object has no ${field} field`);
      return;
    }
    const v = this.vals;
    const timeSlot = sp[Slot.Time * 2] >= 0 ? Slot.Time : Slot.Iso;
    v[0] = parseTimeField(buf, sp[timeSlot * 2], sp[timeSlot * 2 + 1]);
    for (let f = 1; f < 6; f++) v[f] = sp[f * 2] < 0 ? 0 : parseJsonNum(buf, sp[f * 2], sp[f * 2 + 1]);
    const bad = firstNaN(v);
    if (bad >= 0) {
      const slot = bad === 0 ? timeSlot : bad;
      return reportBadField(this.sink, line, FIELD_NAMES[bad], buf, sp[slot * 2], sp[slot * 2 + 1]);
    }
    this.sink.push(line, v[0], v[1], v[2], v[3], v[4], v[5]);
  }

  /** Fills spans from `"key": value` pairs in buf[i, e); false if the object is malformed. */
  private collectSpans(buf: Uint8Array, i: number, e: number): boolean {
    const sp = this.spans;
    sp.fill(-1);
    for (i = skipSpace(buf, i, e); i < e; i = skipSpace(buf, i, e)) {
      if (buf[i] !== 34) return false;
      const keyEnd = stringEnd(buf, i, e);
      const slot = keySlot(buf, i + 1, keyEnd);
      i = skipSpace(buf, keyEnd + 1, e);
      if (buf[i] !== 58) return false;
      i = skipSpace(buf, i + 1, e);
      let vs = i;
      let ve: number;
      if (buf[i] === 34) {
        ve = stringEnd(buf, i, e);
        vs = i + 1;
        i = skipSpace(buf, ve + 1, e);
      } else {
        while (i < e && buf[i] !== 44) i++; // nested values are not expected in candle objects
        ve = i;
      }
      if (slot >= 0) [sp[slot * 2], sp[slot * 2 + 1]] = [vs, ve];
      if (i < e && buf[i] !== 44) return false;
      i++;
    }
    return true;
  }

  private emitMeta(buf: Uint8Array): void {
    this.first = false;
    const sp = this.spans;
    const text = (slot: Slot) => (sp[slot * 2] < 0 ? undefined : fieldText(buf, sp[slot * 2], sp[slot * 2 + 1]));
    const size = sp[Slot.Size * 2] < 0 ? NaN : parseJsonNum(buf, sp[Slot.Size * 2], sp[Slot.Size * 2 + 1]);
    this.onMeta?.({ base: text(Slot.Base), counter: text(Slot.Counter), sizeInMillis: Number.isNaN(size) ? undefined : size });
  }
}
