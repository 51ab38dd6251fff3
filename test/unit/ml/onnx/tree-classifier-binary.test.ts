// What onnxruntime's TreeEnsembleClassifier does with two class labels, measured: the exporter (export.ts) relies on
// the first block; the second records the forms it avoids. If an onnxruntime upgrade changes any of this, this file says
// where before the model tests do.
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { attr, GraphBuilder, ML_DOMAIN, tensorInfo } from '../../../../electron/engine/ml/onnx/graph';
import { DataType } from '../../../../electron/engine/ml/onnx/proto';

const σ = (z: number) => 1 / (1 + Math.exp(-z));

/** One stump on feature 0 (x <= 0 → leaf A, else leaf B) with weights `wA`, `wB` on `classId`; rows x = −1 and x = 1. */
async function stump(options: { classId: number; weights: [number, number]; post: 'LOGISTIC' | 'NONE'; base?: number[] }) {
  const g = new GraphBuilder('binary_probe');
  const x = g.input(tensorInfo('features', DataType.FLOAT, ['N', 1]));
  g.node(
    'TreeEnsembleClassifier',
    [x],
    ['label', 'probabilities'],
    {
      nodes_treeids: attr.ints([0, 0, 0]),
      nodes_nodeids: attr.ints([0, 1, 2]),
      nodes_featureids: attr.ints([0, 0, 0]),
      nodes_modes: attr.strings(['BRANCH_LEQ', 'LEAF', 'LEAF']),
      nodes_values: attr.floats([0, 0, 0]),
      nodes_truenodeids: attr.ints([1, 0, 0]),
      nodes_falsenodeids: attr.ints([2, 0, 0]),
      class_treeids: attr.ints([0, 0]),
      class_nodeids: attr.ints([1, 2]),
      class_ids: attr.ints([options.classId, options.classId]),
      class_weights: attr.floats(options.weights),
      classlabels_int64s: attr.ints([0, 1]),
      post_transform: attr.string(options.post),
      ...(options.base ? { base_values: attr.floats(options.base) } : {}),
    },
    { domain: ML_DOMAIN, exact: true },
  );
  g.output(tensorInfo('label', DataType.INT64, ['N']));
  g.output(tensorInfo('probabilities', DataType.FLOAT, ['N', 2]));
  const session = await ort.InferenceSession.create(g.toBytes(), { intraOpNumThreads: 1, logSeverityLevel: 4 });
  try {
    const out = await session.run({ features: new ort.Tensor('float32', Float32Array.from([-1, 1]), [2, 1]) });
    expect(out.probabilities.dims).toEqual([2, 2]);
    const p = Array.from(out.probabilities.data as Float32Array);
    return { rows: [p.slice(0, 2), p.slice(2, 4)], label: Array.from(out.label.data as BigInt64Array, Number) };
  } finally {
    await session.release();
  }
}

function expectRows(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, r) => row.forEach((v, c) => expect(v).toBeCloseTo(expected[r][c], 6)));
}

const SIGNS: Array<[string, [number, number]]> = [
  ['mixed', [-1, 2]],
  ['all positive', [0.3, 0.8]],
  ['all negative', [-1, -2]],
];

describe('used by the exporter: one class id (0), labels [0, 1]', () => {
  it.each(SIGNS)('LOGISTIC, %s weights: probabilities are [σ(−s), σ(s)] with s = score + base_values[0]', async (_name, weights) => {
    for (const base of [undefined, 0.5]) {
      const { rows } = await stump({ classId: 0, weights, post: 'LOGISTIC', ...(base === undefined ? {} : { base: [base] }) });
      const s = weights.map((w) => w + (base ?? 0));
      expectRows(rows, s.map((v) => [σ(-v), σ(v)]));
    }
  });

  it('NONE: column 1 is the raw score; column 0 is 1 − s when every weight is ≥ 0, else −s', async () => {
    expectRows((await stump({ classId: 0, weights: [0.3, 0.8], post: 'NONE' })).rows, [[0.7, 0.3], [0.2, 0.8]]);
    expectRows((await stump({ classId: 0, weights: [-1, 2], post: 'NONE' })).rows, [[1, -1], [-2, 2]]);
    expectRows((await stump({ classId: 0, weights: [-1, -2], post: 'NONE' })).rows, [[1, -1], [2, -2]]);
  });

  it('the label is not P(class 1) > 0.5: with all-positive weights it compares the raw score with 0.5', async () => {
    // s = 0.3 → P = σ(0.3) > 0.5, yet the label is 0; which is why the exporter reads probabilities, not labels.
    expect((await stump({ classId: 0, weights: [0.3, 0.8], post: 'LOGISTIC' })).label).toEqual([0, 1]);
  });
});

describe('avoided by the exporter', () => {
  it('two base_values drop the tree scores (column 1 becomes σ(base_values[1]))', async () => {
    const { rows } = await stump({ classId: 0, weights: [-1, 2], post: 'LOGISTIC', base: [0.5, 0.5] });
    expect(rows[0][1]).toBeCloseTo(σ(0), 6);
    expect(rows[1][1]).toBeCloseTo(σ(0), 6);
  });

  it('weights on class id 1 alone ignore a single base value, and two base values drop the scores', async () => {
    expectRows((await stump({ classId: 1, weights: [-1, 2], post: 'LOGISTIC', base: [0.5] })).rows, [[0.5, σ(-1)], [0.5, σ(2)]]);
    expectRows((await stump({ classId: 1, weights: [-1, 2], post: 'LOGISTIC', base: [0.5, 0.5] })).rows, [[0.5, σ(0.5)], [0.5, σ(0.5)]]);
  });
});
