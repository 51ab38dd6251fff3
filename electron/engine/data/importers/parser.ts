// The contract between the byte-streaming driver and each format's record parser, plus shared helpers.
import { fieldText } from './num-parse';
import type { RowSink } from './row-sink';

export interface RecordParser {
  /**
   * Parses every complete record in buf and returns how many bytes it used; the rest is handed back
   * with the next chunk. With final=true (end of file) everything must be used.
   */
  consume(buf: Uint8Array, final: boolean): number;
  /** Set when the file cannot be read any further (e.g. a runaway record); the driver stops. */
  readonly fatal: boolean;
}

export const FIELD_NAMES = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/** Reports a field that did not parse: 'nan' for explicit missing values, 'unparseable' for anything else. */
export function reportBadField(sink: RowSink, line: number, field: string, buf: Uint8Array, s: number, e: number): void {
  const text = fieldText(buf, s, e).trim();
  const missing = text === '' || /^"?(nan|null|none|n\/a)"?$/i.test(text);
  const kind = missing ? 'nan' : 'unparseable';
  sink.bad(line, kind, field, text, `${field} ${JSON.stringify(text)} is not a number`);
}

/** Index of the first NaN in the six parsed values, or -1. */
export function firstNaN(v: Float64Array): number {
  for (let i = 0; i < 6; i++) if (v[i] !== v[i]) return i;
  return -1;
}
