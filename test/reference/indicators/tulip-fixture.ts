// Parses tulipindicators' test vectors: "name opt opt" then {…} arrays (inputs, then outputs aligned to the input's end).
import { readFileSync } from 'node:fs';
import { sharedPath } from '../../shared-data';

export interface TulipCase {
  file: string;
  line: number;
  name: string;
  options: number[];
  arrays: number[][];
  /** Decimal places each value was printed with, to size tolerances to the source's rounding. */
  decimals: number[][];
}

export function loadTulipCases(file: string): TulipCase[] {
  const lines = readFileSync(sharedPath('reference', 'tulipindicators', file), 'utf8').split('\n');
  const cases: TulipCase[] = [];
  let current: TulipCase | undefined;
  lines.forEach((raw, i) => {
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) return;
    if (text.startsWith('{')) {
      const body = text.slice(1, text.lastIndexOf('}')).trim();
      const cells = body === '' ? [] : body.split(',').map((v) => v.trim());
      current?.arrays.push(cells.map(Number));
      current?.decimals.push(cells.map((v) => (v.split('.')[1] ?? '').length));
      return;
    }
    const [name, ...opts] = text.split(/\s+/);
    current = { file, line: i + 1, name, options: opts.map(Number), arrays: [], decimals: [] };
    cases.push(current);
  });
  return cases;
}

export function loadAllTulipCases(): TulipCase[] {
  return ['atoz.txt', 'extra.txt', 'untest.txt'].flatMap((f) => loadTulipCases(f));
}
