// Property test: one randomly corrupted row is always reported at its exact line ('reject') or is the only row skipped ('skip').
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { ProblemKind } from '../../../electron/engine/data/importers/index';
import { drain } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'quorum-corrupt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const N = 24;
const T0 = Date.UTC(2024, 0, 1);
/** Fields t, o, h, l, c, v as text; undefined marks a dropped field. */
type Row = (string | undefined)[];

function validRows(): Row[] {
  return Array.from({ length: N }, (_, k) => {
    const l = 10 + k * 0.37;
    return [String(T0 + k * 60_000), String(l + 0.5), String(l + 2), String(l), String(l + 1.5), String(k * 3.25)];
  });
}

type Corruption = 'swap-hl' | 'negative-price' | 'nan-text' | 'drop-column' | 'duplicate-time' | 'move-later';
interface Corrupted { rows: Row[]; position: number; original: number; kinds: ProblemKind[] }

function corrupt(kind: Corruption, i: number, field: number, to: number): Corrupted {
  const rows = validRows();
  const r = rows[i];
  const one = (kinds: ProblemKind[]): Corrupted => ({ rows, position: i, original: i, kinds });
  switch (kind) {
    case 'swap-hl':
      [r[2], r[3]] = [r[3], r[2]];
      return one(['high-below-low']);
    case 'negative-price':
      r[1 + (field % 4)] = field % 2 ? `-${r[1 + (field % 4)]}` : '0';
      return one(['non-positive-price']);
    case 'nan-text':
      r[field] = field % 2 ? 'NaN' : 'abc';
      return one(['nan', 'unparseable']);
    case 'drop-column':
      r[field % 5] = undefined;
      return one(['column-count']);
    case 'duplicate-time':
      r[0] = rows[i - 1][0];
      return one(['duplicate']);
    case 'move-later': {
      const j = Math.min(N - 1, i + 1 + (to % (N - 1 - i)));
      rows.splice(j, 0, ...rows.splice(i, 1));
      return { rows, position: j, original: i, kinds: ['out-of-order'] };
    }
  }
}

const present = (r: Row) => r.filter((f): f is string => f !== undefined);
const isoOf = (ms: string) => (/^\d+$/.test(ms) ? new Date(Number(ms)).toISOString().replace('T', ' ').replace('.000Z', '') : ms);
const jsonValue = (f: string) => (/^-?[\d.]+$/.test(f) || f === 'NaN' ? f : JSON.stringify(f));
const KEYS = ['openTimeInMillis', 'open', 'high', 'low', 'close', 'volume'];

/** Each format: file text and the 1-based line of row k. */
const FORMATS: Record<string, { ext: string; write(rows: Row[]): string; line(k: number): number }> = {
  'binance-csv': {
    ext: 'csv',
    write: (rows) => 'open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n' +
      rows.map((r) => [...present(r), '1', '2', '3', '4', '5', '0'].join(',')).join('\n') + '\n',
    line: (k) => k + 2,
  },
  'generic-csv': {
    ext: 'csv',
    write: (rows) => 'Date,Open,High,Low,Close,Volume\n' + rows.map((r) => present(r.map((f, i) => (i === 0 && f ? isoOf(f) : f))).join(',')).join('\n') + '\n',
    line: (k) => k + 2,
  },
  'freqtrade-json': {
    ext: 'json',
    write: (rows) => '[\n' + rows.map((r) => `  [${present(r).map(jsonValue).join(', ')}]`).join(',\n') + '\n]\n',
    line: (k) => k + 2,
  },
  'freqtrade-json-one-line': {
    ext: 'json',
    write: (rows) => '[' + rows.map((r) => `[${present(r).map(jsonValue).join(',')}]`).join(',') + ']',
    line: () => 1,
  },
  'object-json': {
    ext: 'json',
    write: (rows) => '[\n' + rows.map((r) => '  {' + r.flatMap((f, i) => (f === undefined ? [] : [`"${KEYS[i]}": ${i === 0 ? f : jsonValue(f)}`])).join(', ') + '}').join(',\n') + '\n]\n',
    line: (k) => k + 2,
  },
};

const corruptionArb = fc.record({
  kind: fc.constantFrom<Corruption>('swap-hl', 'negative-price', 'nan-text', 'drop-column', 'duplicate-time', 'move-later'),
  i: fc.integer({ min: 1, max: N - 2 }),
  field: fc.integer({ min: 0, max: 5 }),
  to: fc.nat(),
});

let fileNo = 0;
describe.each(Object.entries(FORMATS))('%s with one corrupted row', (_name, fmt) => {
  it("'reject' reports the exact line and row", async () => {
    await fc.assert(
      fc.asyncProperty(corruptionArb, async ({ kind, i, field, to }) => {
        const c = corrupt(kind, i, field, to);
        const p = join(dir, `r${fileNo++}.${fmt.ext}`);
        writeFileSync(p, fmt.write(c.rows));
        const { report } = await drain(p);
        expect(report.problems.length).toBeGreaterThanOrEqual(1);
        const first = report.problems[0];
        expect(first.line).toBe(fmt.line(c.position));
        expect(first.row).toBe(c.position + 1);
        expect(c.kinds).toContain(first.kind);
        expect(report.stoppedEarly).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("'skip' drops only that row and yields all others", async () => {
    await fc.assert(
      fc.asyncProperty(corruptionArb, async ({ kind, i, field, to }) => {
        const c = corrupt(kind, i, field, to);
        const p = join(dir, `s${fileNo++}.${fmt.ext}`);
        writeFileSync(p, fmt.write(c.rows));
        const { report, series } = await drain(p, { onError: 'skip', batchSize: 7 });
        expect(report.problems.map((x) => x.line)).toEqual([fmt.line(c.position)]);
        expect(report.rowsSkipped).toBe(1);
        const expected = validRows().filter((_, k) => k !== c.original);
        expect(Array.from(series.time)).toEqual(expected.map((r) => Number(r[0])));
        expect(Array.from(series.close)).toEqual(expected.map((r) => Number(r[4])));
      }),
      { numRuns: 60 },
    );
  });
});
