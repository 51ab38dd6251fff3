// Parses Binance public-data kline CSV (12 columns, optional header, open_time in ms or µs).
import { looksLikeData } from './csv-lines';
import { LineRecordParser } from './line-parser';
import { scanNum, scanned } from './num-parse';
import { FIELD_NAMES, firstNaN, reportBadField } from './parser';
import { epochToMs } from './time-parse';

const COLUMNS = 12;
const COMMA = 44;

export class BinanceCsvParser extends LineRecordParser {
  private readonly starts = new Int32Array(COLUMNS + 1);
  private readonly vals = new Float64Array(6);
  private seenFirst = false;
  protected parseLine(buf: Uint8Array, s: number, e: number, line: number): void {
    if (!this.seenFirst) {
      this.seenFirst = true;
      if (!looksLikeData(buf[s])) return; // header line
    }
    const starts = this.starts;
    const v = this.vals;
    let pos = s;
    for (let f = 0; f < 6; f++) {
      starts[f] = pos;
      pos = scanNum(buf, pos, e, COMMA);
      v[f] = scanned.value;
      if (pos === e) return this.columnCount(buf, s, e, line);
      pos++;
    }
    starts[6] = pos;
    let k = 6;
    for (let i = pos; i < e; i++) if (buf[i] === COMMA) k++;
    if (k !== COLUMNS - 1) return this.columnCount(buf, s, e, line);
    const bad = firstNaN(v);
    if (bad >= 0) return reportBadField(this.sink, line, FIELD_NAMES[bad], buf, starts[bad], starts[bad + 1] - 1);
    this.sink.push(line, epochToMs(v[0]), v[1], v[2], v[3], v[4], v[5]);
  }

  private columnCount(buf: Uint8Array, s: number, e: number, line: number): void {
    let k = 1;
    for (let i = s; i < e; i++) if (buf[i] === COMMA) k++;
    this.sink.bad(line, 'column-count', undefined, k, `expected ${COLUMNS} columns, found ${k}`);
  }
}
