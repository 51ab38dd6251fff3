// `quorum features`: the feature matrix with named columns — a summary naming every feature with its statistics, the
// rows as CSV (time in epoch ms, then the schema's names) and as one JSON document, on a real month of FIL/USDT 1m.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeFeatures, FEATURE_SCHEMA, FEATURE_SCHEMA_VERSION } from '../../../electron/engine/ml/features';
import { codeFeatureHash } from '../../../electron/engine/ml/features/hash';
import type { CandleSeries } from '../../../electron/engine/model/candle-series';
import { hasSharedData, sharedPath, SHARED_SKIP_REASON } from '../../shared-data';
import { readBinanceCsv } from '../../support/binance-csv';
import { quorum } from '../../support/cli';
import { tempDir } from '../../support/temp';

const FILE = hasSharedData ? sharedPath('data', 'isda-binance-1m', 'FILUSDT-1m-2023-08.csv') : '';
const FROM = Date.parse('2023-08-02T00:00:00Z');
const TO = Date.parse('2023-08-02T12:00:00Z');

describe.skipIf(!hasSharedData)(hasSharedData ? 'quorum features (FIL/USDT 1m, August 2023)' : SHARED_SKIP_REASON, () => {
  const dir = tempDir();
  let series: CandleSeries;
  let inRange: number;

  beforeAll(() => {
    series = readBinanceCsv(FILE);
    inRange = series.time.filter((t) => t >= FROM && t <= TO).length;
  });

  it('summarises the schema and names all 61 features with their statistics', async () => {
    const r = await quorum('features', '--data', FILE, '--to', '2023-08-04');
    expect(r.code, r.err).toBe(0);
    expect(FEATURE_SCHEMA.names).toHaveLength(61);
    expect(r.out).toContain('61 columns');
    expect(r.out).toContain(`Schema v${FEATURE_SCHEMA_VERSION}, hash ${codeFeatureHash()}`);
    expect(r.out).toMatch(/First complete row: bar 199 at 2023-08-01T03:19:00Z/);
    const lines = r.out.split('\n');
    for (const name of FEATURE_SCHEMA.names) {
      const line = lines.find((l) => l.split(/\s+/)[1] === name);
      expect(line, name).toBeDefined();
      // #, name, then first, mean, std, min and max: all numbers over the complete rows.
      expect(line!.trim().split(/\s+/).slice(2).map(Number).every(Number.isFinite), line).toBe(true);
    }
  });

  it('writes CSV rows: time then the schema names, one row per bar of the range, equal to the batch features', async () => {
    const out = join(dir, 'features.csv');
    const r = await quorum('features', '--data', FILE, '--from', '2023-08-02', '--to', '2023-08-02T12:00:00Z', '--csv', '--out', out);
    expect(r.code, r.err).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(['time', ...FEATURE_SCHEMA.names].join(','));
    expect(lines).toHaveLength(inRange + 1);
    const first = lines[1].split(',').map(Number);
    expect(first[0]).toBe(FROM);
    // The range's rows are warm: the features ran from the first bar of the file.
    const m = computeFeatures(series);
    const row = series.time.indexOf(FROM);
    for (let c = 0; c < m.cols; c++) expect(Math.fround(first[c + 1])).toBe(m.values[row * m.cols + c]);
    expect(Number(lines[lines.length - 1].split(',')[0])).toBe(TO);
  });

  it('prints JSON with the schema, the times and the rows (null while warming up)', async () => {
    const r = await quorum('features', '--data', FILE, '--to', '2023-08-01T06:00:00Z', '--json');
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as { schema: { version: number; hash: string; names: string[] }; time: number[]; rows: (number | null)[][] };
    expect(doc.schema).toEqual({ version: FEATURE_SCHEMA_VERSION, hash: codeFeatureHash(), names: [...FEATURE_SCHEMA.names] });
    expect(doc.time).toHaveLength(361);
    expect(doc.rows).toHaveLength(361);
    expect(doc.rows.every((row) => row.length === 61)).toBe(true);
    expect(doc.rows[0].some((v) => v === null)).toBe(true);
    expect(doc.rows.slice(199).every((row) => row.every((v) => typeof v === 'number'))).toBe(true);
  });

  it('refuses --csv with --json, and is listed by quorum help', async () => {
    const r = await quorum('features', '--data', FILE, '--csv', '--json');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--csv or --json/);
    const help = await quorum('help');
    for (const c of ['features', 'train', 'predict', 'evaluate']) expect(help.out).toContain(`quorum ${c} `);
  });
});
