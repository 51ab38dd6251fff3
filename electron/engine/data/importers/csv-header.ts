// Reads a generic CSV header: which delimiter, and which column holds time, open, high, low, close, volume.
import { DataError } from '../../errors';
import { looksLikeData } from './csv-lines';
import { parseNum } from './num-parse';
import { parseTimeField } from './time-parse';

export interface ColumnMap {
  delimiter: number;
  /** Number of columns every row must have. */
  columns: number;
  /** Column indexes of time, open, high, low, close, volume (-1: absent, volume then reads as 0). */
  index: Int32Array;
  /** A separate time-of-day column next to a date column ("Date,Time,…"), or -1. */
  timeOfDay: number;
  hasHeader: boolean;
}

const TIME_NAMES = ['date', 'time', 'timestamp', 'datetime', 'date_time', 'open_time', 'opentime', 'open time', 'ts', 'unix', ''];
const ALIASES: Record<string, string[]> = {
  open: ['open', 'o'],
  high: ['high', 'h'],
  low: ['low', 'l'],
  close: ['close', 'c', 'last'],
  volume: ['volume', 'vol', 'v'],
};

export function detectDelimiter(line: string): number {
  const count = (ch: string) => line.split(ch).length - 1;
  const [comma, semi, tab] = [count(','), count(';'), count('\t')];
  if (tab > comma && tab > semi) return 9;
  return semi > comma ? 59 : 44;
}

export function splitHeader(line: string, delimiter: number): string[] {
  return line.split(String.fromCharCode(delimiter)).map((n) => n.trim().replace(/^"|"$/g, '').trim().toLowerCase());
}

/** Column map from the first line of a CSV; throws DataError when it is neither a usable header nor data. */
export function mapColumns(firstLine: string): ColumnMap {
  const delimiter = detectDelimiter(firstLine);
  const names = splitHeader(firstLine, delimiter);
  if (isDataLine(firstLine, names, delimiter)) return positional(names.length, delimiter);
  const find = (aliases: string[]) => names.findIndex((n) => aliases.includes(n));
  const index = new Int32Array(6);
  const hasDateAndTime = names.includes('date') && names.includes('time');
  index[0] = hasDateAndTime ? names.indexOf('date') : TIME_NAMES.map((n) => names.indexOf(n)).find((i) => i >= 0) ?? -1;
  (['open', 'high', 'low', 'close', 'volume'] as const).forEach((k, i) => (index[i + 1] = find(ALIASES[k])));
  const missing = ['time', 'open', 'high', 'low', 'close'].filter((_, i) => index[i] < 0);
  if (missing.length > 0) {
    throw new DataError(`CSV header lacks ${missing.join(', ')} column(s)`, 'DATA_UNKNOWN_FORMAT', { field: missing[0], value: firstLine.slice(0, 200), line: 1 });
  }
  return { delimiter, columns: names.length, index, timeOfDay: hasDateAndTime ? names.indexOf('time') : -1, hasHeader: true };
}

function isDataLine(line: string, names: string[], delimiter: number): boolean {
  if (names.length < 5 || !looksLikeData(line.charCodeAt(0))) return false;
  const bytes = Buffer.from(line, 'latin1');
  const firstEnd = line.indexOf(String.fromCharCode(delimiter));
  return !Number.isNaN(parseTimeField(bytes, 0, firstEnd)) && !Number.isNaN(parseNum(bytes, firstEnd + 1, bytes.indexOf(delimiter, firstEnd + 1)));
}

/** Headerless files: time, open, high, low, close[, volume] in that order. */
function positional(columns: number, delimiter: number): ColumnMap {
  const index = Int32Array.from([0, 1, 2, 3, 4, columns > 5 ? 5 : -1]);
  return { delimiter, columns, index, timeOfDay: -1, hasHeader: false };
}
