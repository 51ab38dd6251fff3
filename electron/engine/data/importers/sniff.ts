// Decides a candle file's format from its first bytes, whatever its name says.
import { DataError } from '../../errors';
import { detectDelimiter, mapColumns, splitHeader } from './csv-header';
import { looksLikeData } from './csv-lines';
import type { CandleFileFormat } from './types';

const latin1 = new TextDecoder('latin1');
const BINANCE_HEADER = 'open_time,open,high,low,close,volume,close_time';

function firstNonSpace(head: Uint8Array, from: number): number {
  let i = from;
  while (i < head.length && (head[i] === 32 || head[i] === 9 || head[i] === 10 || head[i] === 13)) i++;
  return i;
}

export function sniffFormat(head: Uint8Array, path: string): CandleFileFormat {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  i = firstNonSpace(head, i);
  if (i >= head.length) throw new DataError(`${path} is empty`, 'DATA_EMPTY', { value: path, line: 1 });
  if (head.subarray(0, 4096).includes(0)) {
    throw new DataError(`${path} is not a text candle file`, 'DATA_UNKNOWN_FORMAT', { value: path, line: 1 });
  }
  if (head[i] === 91) return sniffJson(head, firstNonSpace(head, i + 1), path);
  return sniffCsv(firstLine(head, i), path);
}

function sniffJson(head: Uint8Array, i: number, path: string): CandleFileFormat {
  if (head[i] === 91 || head[i] === 93) return 'freqtrade-json';
  if (head[i] === 123) return 'object-json';
  const value = latin1.decode(head.subarray(i, i + 40));
  throw new DataError(`${path}: JSON array of neither arrays nor objects`, 'DATA_UNKNOWN_FORMAT', { value, line: 1 });
}

function firstLine(head: Uint8Array, start: number): string {
  let end = head.indexOf(10, start);
  if (end < 0) end = head.length;
  return latin1.decode(head.subarray(start, end)).replace(/\r$/, '');
}

function sniffCsv(line: string, path: string): CandleFileFormat {
  const delimiter = detectDelimiter(line);
  const fields = splitHeader(line, delimiter);
  if (delimiter === 44 && fields.length === 12) {
    if (fields.join(',').startsWith(BINANCE_HEADER)) return 'binance-csv';
    if (looksLikeData(line.charCodeAt(0)) && /^\d+$/.test(fields[0]) && /^\d+$/.test(fields[6])) return 'binance-csv';
  }
  try {
    mapColumns(line);
  } catch (err) {
    if (err instanceof DataError) err.message = `${path}: ${err.message}`;
    throw err;
  }
  return 'generic-csv';
}
