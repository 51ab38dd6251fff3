// `quorum train`: a model fitted on a real month of FIL/USDT 1m, written as NAME.onnx + manifest + report; the same
// seed gives the same bytes, another seed other bytes; the manifest keeps the normalised reproducing command; bad
// flags are refused naming them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelManifestSchema } from '../../../shared/model-manifest';
import { codeFeatureHash } from '../../../electron/engine/ml/features/hash';
import { sha256 } from '../../../electron/engine/ml/model-library';
import { hasSharedData, sharedPath, SHARED_SKIP_REASON } from '../../shared-data';
import { quorum } from '../../support/cli';
import { tempDir } from '../../support/temp';

const FILE = hasSharedData ? sharedPath('data', 'isda-binance-1m', 'FILUSDT-1m-2023-08.csv') : '';
/** Ten days and small trees: a few seconds a model on two cores. */
const GBDT = ['--data', FILE, '--model', 'gbdt', '--from', '2023-08-01', '--to', '2023-08-10', '--set', 'nEstimators=30', '--set', 'maxDepth=4'];

describe.skipIf(!hasSharedData)(hasSharedData ? 'quorum train (FIL/USDT 1m, August 2023)' : SHARED_SKIP_REASON, () => {
  const dir = tempDir();

  it('writes the model, a valid manifest with the code feature hash and the command, and the report', { timeout: 60_000 }, async () => {
    const out = join(dir, 'a', 'fil-gbdt.onnx');
    const r = await quorum('train', ...GBDT, '--out', out);
    expect(r.code, r.err).toBe(0);
    for (const f of ['fil-gbdt.onnx', 'fil-gbdt.manifest.json', 'fil-gbdt.report.md']) expect(existsSync(join(dir, 'a', f)), f).toBe(true);
    const manifest = ModelManifestSchema.parse(JSON.parse(readFileSync(join(dir, 'a', 'fil-gbdt.manifest.json'), 'utf8')));
    expect(manifest.features.hash).toBe(codeFeatureHash());
    expect(manifest.name).toBe('fil-gbdt');
    expect(manifest.kind).toBe('gbdt');
    expect(manifest.params).toEqual({ maxDepth: 4, nEstimators: 30 });
    expect(manifest.onnxSha256).toBe(sha256(readFileSync(out)));
    expect(manifest.command).toBe(
      `quorum train --data ${FILE} --model gbdt --out ${out} --seed 1 --horizon 5 --dead-zone 0 --validation 0.2 ` +
        '--from 2023-08-01T00:00:00Z --to 2023-08-10T00:00:00Z --set maxDepth=4 --set nEstimators=30',
    );
    expect(readFileSync(join(dir, 'a', 'fil-gbdt.report.md'), 'utf8')).toContain(manifest.command);
    expect(r.out).toContain(`Wrote ${out}`);
    expect(r.out).toMatch(/Validation: accuracy 0\.\d{4}, log-loss 0\.\d{4}, AUC 0\.\d{4}, Brier 0\.\d{4}/);
    expect(r.out).toMatch(/It (beats|does not beat) the baseline/);
    expect(r.err).toMatch(/train \[#+\.*\] \d+\/30/);
  });

  it('gives byte-identical models for the same seed and different ones for another seed', { timeout: 60_000 }, async () => {
    // The name is in the ONNX metadata: same file name in three folders.
    const paths = ['s1', 's1-again', 's2'].map((d) => join(dir, d, 'm.onnx'));
    expect((await quorum('train', ...GBDT, '--out', paths[0], '--seed', '7')).code).toBe(0);
    expect((await quorum('train', ...GBDT, '--out', paths[1], '--seed', '7')).code).toBe(0);
    expect((await quorum('train', ...GBDT, '--out', paths[2], '--seed', '8')).code).toBe(0);
    const [a, b, c] = paths.map((p) => readFileSync(p));
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it('names the model <kind>-<symbol>-<timeframe> in the models folder beside --db when neither --out nor --name is given', { timeout: 60_000 }, async () => {
    const db = join(dir, 'db', 'quorum.db');
    const r = await quorum('train', '--data', FILE, '--model', 'logreg', '--to', '2023-08-05', '--db', db, '--json');
    expect(r.code, r.err).toBe(0);
    const doc = JSON.parse(r.out) as { files: { onnx: string }; manifest: { name: string; command: string } };
    expect(doc.files.onnx).toBe(join(dir, 'db', 'models', 'logreg-FIL-USDT-1m.onnx'));
    expect(existsSync(doc.files.onnx)).toBe(true);
    expect(doc.manifest.name).toBe('logreg-FIL-USDT-1m');
    expect(doc.manifest.command).toContain('--name logreg-FIL-USDT-1m');
  });

  it('refuses an unknown --model and a bad --set naming the field', { timeout: 60_000 }, async () => {
    const kind = await quorum('train', '--data', FILE, '--model', 'xgboost', '--out', join(dir, 'x', 'x.onnx'));
    expect(kind.code).toBe(2);
    expect(kind.err).toMatch(/--model must be one of gbdt, rf, logreg, ensemble, gru, got "xgboost"/);
    const key = await quorum('train', '--data', FILE, '--model', 'gbdt', '--set', 'nTrees=10', '--out', join(dir, 'x', 'x.onnx'));
    expect(key.code).toBe(2);
    expect(key.err).toMatch(/--set nTrees: the gbdt trainer has no option "nTrees" \(options: nEstimators, /);
    const shape = await quorum('train', '--data', FILE, '--model', 'rf', '--set', 'maxDepth', '--out', join(dir, 'x', 'x.onnx'));
    expect(shape.code).toBe(2);
    expect(shape.err).toMatch(/--set must look like key=value, got "maxDepth"/);
    // A value out of range is the trainer's to refuse, naming the option.
    const value = await quorum('train', '--data', FILE, '--model', 'gbdt', '--set', 'maxDepth=-1', '--to', '2023-08-05', '--out', join(dir, 'x', 'x.onnx'));
    expect(value.code).toBe(2);
    expect(value.err).toMatch(/maxDepth must be an integer in \[/);
    expect(existsSync(join(dir, 'x', 'x.onnx'))).toBe(false);
  });
});
