// Parses freqtrade candle JSON ([[ms, o, h, l, c, v], …]) incrementally, one inner array at a time.
import { JsonArrayScanner } from './json-array';
import { parseNum } from './num-parse';
import { FIELD_NAMES, firstNaN, reportBadField, type RecordParser } from './parser';
import type { RowSink } from './row-sink';
import { epochToMs } from './time-parse';

const COLUMNS = 6;

/** True for the bytes "null" (freqtrade mark-price files have null volume). */
function isNull(buf: Uint8Array, s: number, e: number): boolean {
  while (s < e && buf[s] <= 32) s++;
  while (e > s && buf[e - 1] <= 32) e--;
  return e - s === 4 && buf[s] === 110 && buf[s + 1] === 117 && buf[s + 2] === 108 && buf[s + 3] === 108;
}

export class FreqtradeJsonParser implements RecordParser {
  private readonly scanner: JsonArrayScanner;
  private readonly starts = new Int32Array(COLUMNS + 1);
  private readonly vals = new Float64Array(COLUMNS);

  constructor(private readonly sink: RowSink) {
    this.scanner = new JsonArrayScanner(sink, 91, (buf, s, e, line) => this.parseRow(buf, s, e, line));
  }

  get fatal(): boolean {
    return this.scanner.fatal;
  }

  consume(buf: Uint8Array, final: boolean): number {
    return this.scanner.consume(buf, final);
  }

  /** buf[s] is "[" and buf[e] its "]". */
  private parseRow(buf: Uint8Array, s: number, e: number, line: number): void {
    const starts = this.starts;
    starts[0] = s + 1;
    let k = 1;
    for (let i = s + 1; i < e; i++) {
      if (buf[i] === 44) {
        if (k < COLUMNS) starts[k] = i + 1;
        k++;
      }
    }
    if (k !== COLUMNS) {
      this.sink.bad(line, 'column-count', undefined, k, `expected ${COLUMNS} values, found ${k}`);
      return;
    }
    starts[COLUMNS] = e + 1;
    const v = this.vals;
    for (let f = 0; f < COLUMNS; f++) v[f] = parseJsonNum(buf, starts[f], starts[f + 1] - 1);
    if (v[5] !== v[5] && isNull(buf, starts[5], e)) v[5] = 0;
    const bad = firstNaN(v);
    if (bad >= 0) return reportBadField(this.sink, line, FIELD_NAMES[bad], buf, starts[bad], starts[bad + 1] - 1);
    this.sink.push(line, epochToMs(v[0]), v[1], v[2], v[3], v[4], v[5]);
  }
}

/** parseNum after trimming JSON whitespace (pretty-printed files put newlines and tabs around values). */
export function parseJsonNum(buf: Uint8Array, s: number, e: number): number {
  while (s < e && buf[s] <= 32) s++;
  while (e > s && buf[e - 1] <= 32) e--;
  return parseNum(buf, s, e);
}
