// `quorum predict`: a model trained by `quorum train` gives one P(up) per bar of a real FIL/USDT month, NaN only while
// the features warm up, every other in [0, 1]; by path or by name from the models folder beside --db; a model whose
// manifest names other features is refused with both hashes.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeFeatureHash } from '../../../electron/engine/ml/features/hash';
import { hasSharedData, sharedPath, SHARED_SKIP_REASON } from '../../shared-data';
import { quorum } from '../../support/cli';
import { tempDir } from '../../support/temp';

const FILE = hasSharedData ? sharedPath('data', 'isda-binance-1m', 'FILUSDT-1m-2023-08.csv') : '';
const NAME = 'fil-predict';

describe.skipIf(!hasSharedData)(hasSharedData ? 'quorum predict (FIL/USDT 1m, August 2023)' : SHARED_SKIP_REASON, () => {
  const dir = tempDir();
  const db = join(dir, 'quorum.db');
  const model = join(dir, 'models', `${NAME}.onnx`);

  beforeAll(async () => {
    const r = await quorum('train', '--data', FILE, '--model', 'gbdt', '--to', '2023-08-10', '--set', 'nEstimators=30', '--set', 'maxDepth=4', '--name', NAME, '--db', db);
    expect(r.code, r.err).toBe(0);
  }, 60_000);

  it('prints time,p_up for every bar: NaN during the warm-up only, then probabilities in [0, 1]', { timeout: 60_000 }, async () => {
    const r = await quorum('predict', '--model', model, '--data', FILE, '--to', '2023-08-03');
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('time,p_up');
    const rows = lines.slice(1).map((l) => l.split(',').map(Number));
    expect(rows).toHaveLength(2 * 1440 + 1);
    expect(rows[0][0]).toBe(Date.parse('2023-08-01T00:00:00Z'));
    const warm = rows.findIndex(([, p]) => !Number.isNaN(p));
    expect(warm).toBe(199); // the features' warm-up on this file
    expect(rows.slice(warm).every(([, p]) => p >= 0 && p <= 1)).toBe(true);
    expect(new Set(rows.slice(warm).map(([, p]) => p)).size).toBeGreaterThan(100);
  });

  it('gives the same probabilities by name from the models folder, as JSON with null during the warm-up', { timeout: 60_000 }, async () => {
    const csv = await quorum('predict', '--model', model, '--data', FILE, '--from', '2023-08-01T02:00:00Z', '--to', '2023-08-01T06:00:00Z');
    const r = await quorum('predict', '--model', NAME, '--db', db, '--data', FILE, '--from', '2023-08-01T02:00:00Z', '--to', '2023-08-01T06:00:00Z', '--json');
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as { model: string; horizon: number; time: number[]; p: (number | null)[] };
    expect(doc.model).toBe(NAME);
    expect(doc.horizon).toBe(5);
    expect(doc.time).toHaveLength(241);
    expect(doc.p).toHaveLength(241);
    const firstP = doc.p.findIndex((p) => p !== null);
    expect(doc.time[firstP]).toBe(Date.parse('2023-08-01T03:19:00Z'));
    expect(doc.p.slice(firstP).every((p) => p !== null && p >= 0 && p <= 1)).toBe(true);
    const fromCsv = csv.out.trim().split('\n').slice(1).map((l) => Number(l.split(',')[1]));
    expect(doc.p.map((p) => p ?? Number.NaN)).toEqual(fromCsv);
  });

  it('refuses a model whose manifest names another feature schema, naming both hashes', { timeout: 60_000 }, async () => {
    const other = join(dir, 'other');
    mkdirSync(other);
    copyFileSync(model, join(other, `${NAME}.onnx`));
    const manifest = JSON.parse(readFileSync(join(dir, 'models', `${NAME}.manifest.json`), 'utf8')) as { features: { hash: string } };
    const wrong = 'ab'.repeat(32);
    manifest.features.hash = wrong;
    writeFileSync(join(other, `${NAME}.manifest.json`), JSON.stringify(manifest));
    const r = await quorum('predict', '--model', join(other, `${NAME}.onnx`), '--data', FILE, '--to', '2023-08-02');
    expect(r.code).toBe(1);
    expect(r.err).toContain(wrong);
    expect(r.err).toContain(codeFeatureHash());
    expect(r.err).toMatch(/train it again/);
    expect(r.out).toBe('');
  });

  it('refuses a model path without a manifest and an unknown model name', async () => {
    const bare = join(dir, 'bare');
    mkdirSync(bare);
    copyFileSync(model, join(bare, 'lonely.onnx'));
    const noManifest = await quorum('predict', '--model', join(bare, 'lonely.onnx'), '--data', FILE);
    expect(noManifest.code).toBe(1);
    expect(noManifest.err).toMatch(/no manifest \(lonely\.manifest\.json\)/);
    const unknown = await quorum('predict', '--model', 'no-such-model', '--db', db, '--data', FILE);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/No model named no-such-model/);
  });
});
