// Parses a CSV with a header naming its date/time and OHLC(V) columns (backtesting.py, backtrader, nautilus…).
import { type ColumnMap, mapColumns } from './csv-header';
import { LineRecordParser } from './line-parser';
import { parseNum } from './num-parse';
import { FIELD_NAMES, firstNaN, reportBadField } from './parser';
import { parseTimeField, parseTimeOfDay } from './time-parse';

const latin1 = new TextDecoder('latin1');

export class GenericCsvParser extends LineRecordParser {
  private map: ColumnMap | undefined;
  private starts = new Int32Array(64);
  private readonly vals = new Float64Array(6);
  protected parseLine(buf: Uint8Array, s: number, e: number, line: number): void {
    if (!this.map) {
      this.map = mapColumns(latin1.decode(buf.subarray(s, e)).replace(/^\uFEFF|^ï»¿/, ''));
      if (this.starts.length <= this.map.columns) this.starts = new Int32Array(this.map.columns + 1);
      if (this.map.hasHeader) return;
    }
    const map = this.map;
    const k = this.split(buf, s, e, map);
    if (k !== map.columns) {
      this.sink.bad(line, 'column-count', undefined, k, `expected ${map.columns} columns, found ${k}`);
      return;
    }
    const v = this.vals;
    const starts = this.starts;
    for (let f = 0; f < 6; f++) {
      const c = map.index[f];
      if (c < 0) v[f] = 0;
      else if (f === 0) v[0] = this.parseTime(buf, starts[c], starts[c + 1] - 1);
      else v[f] = parseNum(buf, starts[c], starts[c + 1] - 1);
    }
    const bad = firstNaN(v);
    if (bad >= 0) {
      const c = map.index[bad];
      return reportBadField(this.sink, line, FIELD_NAMES[bad], buf, starts[c], starts[c + 1] - 1);
    }
    this.sink.push(line, v[0], v[1], v[2], v[3], v[4], v[5]);
  }

  /** Records field starts (starts[i]) with a sentinel after the last field; returns the field count. */
  private split(buf: Uint8Array, s: number, e: number, map: ColumnMap): number {
    const starts = this.starts;
    const max = starts.length - 1;
    starts[0] = s;
    let k = 1;
    for (let i = s; i < e; i++) {
      if (buf[i] === map.delimiter) {
        if (k <= max) starts[k] = i + 1;
        k++;
      }
    }
    if (k <= max) starts[k] = e + 1;
    return k;
  }

  private parseTime(buf: Uint8Array, s: number, e: number): number {
    const t = parseTimeField(buf, s, e);
    const tod = this.map!.timeOfDay;
    if (tod < 0 || Number.isNaN(t)) return t;
    const ts = this.starts[tod];
    return t + parseTimeOfDay(buf, ts, this.starts[tod + 1] - 1);
  }
}
