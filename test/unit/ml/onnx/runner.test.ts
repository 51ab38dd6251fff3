// The runner: metadata round trip, deterministic bytes, and every failure a ModelError with a code and details.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelError } from '../../../../electron/engine/errors';
import { predictRows } from '../../../../electron/engine/ml/model';
import { exportTabularModel } from '../../../../electron/engine/ml/onnx/export';
import { attr, GraphBuilder, tensorInfo } from '../../../../electron/engine/ml/onnx/graph';
import { decodeModelHeader, DataType } from '../../../../electron/engine/ml/onnx/proto';
import { OnnxRunner } from '../../../../electron/engine/ml/onnx/runner';
import { maxAbsDiff, randomEnsemble, randomLinear, randomRows, randomTreeEnsemble, rng } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'quorum-onnx-'));
const runners: OnnxRunner[] = [];
afterAll(async () => {
  await Promise.all(runners.map((r) => r.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function load(source: Uint8Array | string, options?: Parameters<typeof OnnxRunner.load>[1]): Promise<OnnxRunner> {
  const r = await OnnxRunner.load(source, options);
  runners.push(r);
  return r;
}

/** The ModelError a promise rejects with (fails the test if it resolves or rejects with something else). */
async function modelError(p: Promise<unknown> | (() => unknown)): Promise<ModelError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    expect(err).toBeInstanceOf(ModelError);
    return err as ModelError;
  }
  throw new Error('expected a ModelError');
}

const METADATA = {
  'quorum.feature_schema_hash': 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  'quorum.model_kind': 'trees',
  'quorum.model_version': '3',
  note: 'ünïcödé ✓, "quotes", newline\nand all',
};

describe('metadata and bytes', () => {
  const model = randomTreeEnsemble(rng(1), { aggregate: 'sum-logistic', trees: 50, depth: 4, nFeatures: 6 });

  it('metadata_props round-trip through the bytes and the runner; producer is quorum', async () => {
    const bytes = exportTabularModel(model, { metadata: METADATA, modelVersion: 3 });
    const runner = await load(bytes);
    expect(runner.metadata).toEqual(METADATA);
    expect(runner.header.producerName).toBe('quorum');
    expect(runner.header.modelVersion).toBe(3);
    expect(runner.header.irVersion).toBe(8);
    expect(runner.header.opsets).toEqual([{ domain: '', version: 17 }, { domain: 'ai.onnx.ml', version: 3 }]);
    expect(runner.header.docString).toMatch(/tree ensemble \(sum-logistic, 50 trees\) on 6 features/);
    expect(decodeModelHeader(bytes).metadata).toEqual(METADATA);
    expect(runner.inputName).toBe('features');
    expect(runner.outputName).toBe('p_up');
    expect(runner.rowSize).toBe(6);
  });

  it('two exports of the same model are byte-identical (metadata key order does not matter)', () => {
    const reversed = Object.fromEntries(Object.entries(METADATA).reverse());
    const a = exportTabularModel(model, { metadata: METADATA });
    const b = exportTabularModel(structuredClone(model), { metadata: reversed });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const e = randomEnsemble(rng(2), 5);
    expect(Buffer.from(exportTabularModel(e)).equals(Buffer.from(exportTabularModel(structuredClone(e))))).toBe(true);
    // …and a different model is not.
    const other = structuredClone(model);
    other.trees[0].value[other.trees[0].value.length - 1] += 1e-3; // the last node built is a leaf
    expect(Buffer.from(exportTabularModel(other, { metadata: METADATA })).equals(Buffer.from(a))).toBe(false);
  });

  it('loads from a file path like from bytes', async () => {
    const path = join(dir, 'model.onnx');
    const bytes = exportTabularModel(model, { metadata: METADATA });
    writeFileSync(path, bytes);
    const runner = await load(path);
    expect(runner.metadata).toEqual(METADATA);
    const values = randomRows(rng(3), 100, 6);
    expect(maxAbsDiff(await runner.predict(values, 100), predictRows(model, values, 100))).toBeLessThanOrEqual(1e-5);
  });
});

describe('predict and predictOne', () => {
  it('a single row gives the batch\'s number; zero rows give an empty result', async () => {
    const model = randomLinear(rng(4), 4);
    const runner = await load(exportTabularModel(model));
    const values = randomRows(rng(5), 10, 4);
    const batch = await runner.predict(values, 10);
    for (let r = 0; r < 10; r++) expect(await runner.predictOne(Array.from(values.subarray(r * 4, r * 4 + 4)))).toBe(batch[r]);
    expect(await runner.predict(new Float32Array(0), 0)).toEqual(new Float32Array(0));
    // A view into a larger buffer reads its own rows, not the buffer's start.
    expect(Array.from(await runner.predict(values.subarray(8, 16), 2))).toEqual([batch[2], batch[3]]);
  });

  it('a wrong feature count is MODEL_FEATURE_COUNT naming expected and got', async () => {
    const runner = await load(exportTabularModel(randomLinear(rng(6), 4)));
    const batch = await modelError(runner.predict(new Float32Array(15), 3));
    expect(batch.code).toBe('MODEL_FEATURE_COUNT');
    expect(batch.message).toBe('the model expects 4 features per row, got 5 per row (15 values for 3 rows)');
    expect(batch.details).toMatchObject({ field: 'features', expected: 4, got: 5, value: 15, rows: 3 });
    const ragged = await modelError(runner.predict(new Float32Array(7), 2));
    expect(ragged.message).toMatch(/expects 4 features per row, got 7 values, not a whole number of rows/);
    const one = await modelError(runner.predictOne([1, 2, 3]));
    expect(one.code).toBe('MODEL_FEATURE_COUNT');
    expect(one.message).toBe('the model expects 4 features, got 3');
    expect(one.details).toMatchObject({ expected: 4, got: 3 });
    expect((await modelError(runner.predict(new Float32Array(8), 2.5))).code).toBe('MODEL_INPUT_INVALID');
    expect((await modelError(runner.predict(Array.from({ length: 8 }) as unknown as Float32Array, 2))).code).toBe('MODEL_INPUT_INVALID');
  });

  it('a call over its budget is MODEL_TIMEOUT (fake clock), and the runner still answers afterwards', async () => {
    let now = 0;
    let step = 0;
    const runner = await load(exportTabularModel(randomLinear(rng(7), 3)), { timeoutMs: 1_000, clock: () => (now += step) });
    step = 1_500; // every call appears to take 1.5 s
    const err = await modelError(runner.predict(new Float32Array(6), 2));
    expect(err.code).toBe('MODEL_TIMEOUT');
    expect(err.message).toBe('inference on 2 rows timed out after 1000 ms');
    expect(err.details).toMatchObject({ field: 'timeoutMs', value: 1_000, rows: 2, elapsedMs: 1_500 });
    expect((await modelError(runner.predictOne([1, 2, 3]))).code).toBe('MODEL_TIMEOUT');
    step = 0;
    expect(await runner.predict(new Float32Array(6), 2)).toHaveLength(2);
    expect(await runner.predict(new Float32Array(6), 2, { timeoutMs: 5 })).toHaveLength(2);
  });

  it('a real run longer than its budget is MODEL_TIMEOUT', async () => {
    const model = randomTreeEnsemble(rng(8), { aggregate: 'sum-logistic', trees: 300, depth: 6, nFeatures: 8 });
    const runner = await load(exportTabularModel(model));
    const rows = 50_000;
    const values = randomRows(rng(9), rows, 8);
    const err = await modelError(runner.predict(values, rows, { timeoutMs: 1 }));
    expect(err.code).toBe('MODEL_TIMEOUT');
    expect(err.details.elapsedMs as number).toBeGreaterThan(0);
    expect(await runner.predict(values.subarray(0, 8), 1, { timeoutMs: 10_000 })).toHaveLength(1);
  });

  it('a closed runner is MODEL_CLOSED', async () => {
    const runner = await OnnxRunner.load(exportTabularModel(randomLinear(rng(10), 2)));
    await runner.close();
    await runner.close();
    expect((await modelError(runner.predict(new Float32Array(2), 1))).code).toBe('MODEL_CLOSED');
  });
});

describe('loading failures', () => {
  it('garbage bytes are MODEL_INVALID with onnxruntime\'s reason', async () => {
    const rand = rng(11);
    const garbage = Uint8Array.from({ length: 4096 }, () => Math.floor(rand() * 256));
    const err = await modelError(OnnxRunner.load(garbage));
    expect(err.code).toBe('MODEL_INVALID');
    expect(err.message).toMatch(/^onnxruntime could not load the model: /);
    expect(err.details).toMatchObject({ field: 'model', bytes: 4096 });
    expect(err.cause).toBeDefined();
    const text = await modelError(OnnxRunner.load(new TextEncoder().encode('definitely not an onnx model')));
    expect(text.code).toBe('MODEL_INVALID');
    const truncated = exportTabularModel(randomLinear(rng(12), 3)).subarray(0, 100);
    expect((await modelError(OnnxRunner.load(truncated))).code).toBe('MODEL_INVALID');
  });

  it('empty bytes, a missing file and a bad option are ModelErrors', async () => {
    const empty = await modelError(OnnxRunner.load(new Uint8Array(0)));
    expect([empty.code, empty.message]).toEqual(['MODEL_INVALID', 'the model is empty (0 bytes)']);
    const missing = await modelError(OnnxRunner.load(join(dir, 'nope.onnx')));
    expect(missing.code).toBe('MODEL_NOT_FOUND');
    expect(missing.details.field).toBe('path');
    expect((await modelError(OnnxRunner.load(new Uint8Array(1), { timeoutMs: 0 }))).code).toBe('MODEL_INVALID_OPTION');
  });

  it('a model without a p_up output or with a non-float input is MODEL_UNSUPPORTED', async () => {
    const twoOutputs = new GraphBuilder('two');
    const x = twoOutputs.input(tensorInfo('x', DataType.FLOAT, ['N', 2]));
    twoOutputs.node('Identity', [x], ['a'], {}, { exact: true });
    twoOutputs.node('Identity', [x], ['b'], {}, { exact: true });
    twoOutputs.output(tensorInfo('a', DataType.FLOAT, ['N', 2]));
    twoOutputs.output(tensorInfo('b', DataType.FLOAT, ['N', 2]));
    const a = await modelError(OnnxRunner.load(twoOutputs.toBytes()));
    expect([a.code, a.message]).toEqual(['MODEL_UNSUPPORTED', 'the model has no p_up output (outputs: a, b)']);

    const doubles = new GraphBuilder('doubles');
    const d = doubles.input(tensorInfo('x', DataType.DOUBLE, ['N', 2]));
    doubles.node('Cast', [d], ['p_up'], { to: attr.int(DataType.FLOAT) }, { exact: true });
    doubles.output(tensorInfo('p_up', DataType.FLOAT, ['N', 2]));
    const b = await modelError(OnnxRunner.load(doubles.toBytes()));
    expect(b.code).toBe('MODEL_UNSUPPORTED');
    expect(b.message).toMatch(/input x is float64 \[N, 2\]/);
  });
});
