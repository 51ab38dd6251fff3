// Exported tree ensembles, linear models and ensembles, run in onnxruntime, equal model.ts's predictRows to 1e-5.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelError } from '../../../../electron/engine/errors';
import { predictRows, type EnsembleModel, type TabularModel, type TreeEnsemble } from '../../../../electron/engine/ml/model';
import { exportTabularModel } from '../../../../electron/engine/ml/onnx/export';
import { OnnxRunner } from '../../../../electron/engine/ml/onnx/runner';
import { maxAbsDiff, nextFloat32, randomEnsemble, randomLinear, randomRows, randomTreeEnsemble, rng, thresholdsByFeature } from './helpers';

const TOLERANCE = 1e-5;
const ROWS = 2_000;
const runners: OnnxRunner[] = [];
afterAll(async () => {
  await Promise.all(runners.map((r) => r.close()));
});

async function run(model: TabularModel, values: Float32Array, rows: number): Promise<Float32Array> {
  const runner = await OnnxRunner.load(exportTabularModel(model), { timeoutMs: 30_000 });
  runners.push(runner);
  expect(runner.rowShape).toEqual([model.nFeatures]);
  return runner.predict(values, rows);
}

function treesOf(model: TabularModel) {
  if (model.kind === 'trees') return model.trees;
  if (model.kind === 'ensemble') return model.members.flatMap((m) => (m.model.kind === 'trees' ? m.model.trees : []));
  return [];
}

async function expectMatch(model: TabularModel, seed: number, rows = ROWS): Promise<number> {
  const values = randomRows(rng(seed), rows, model.nFeatures, thresholdsByFeature(treesOf(model), model.nFeatures));
  const got = await run(model, values, rows);
  const diff = maxAbsDiff(got, predictRows(model, values, rows));
  expect(diff).toBeLessThanOrEqual(TOLERANCE);
  return diff;
}

describe('tree ensembles → TreeEnsembleClassifier', () => {
  it('random ensembles (both aggregates, depths 1–6, 50–120 trees) match predictRows on 2,000 rows each', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
          aggregate: fc.constantFrom('sum-logistic' as const, 'mean' as const),
          depth: fc.integer({ min: 1, max: 6 }),
          trees: fc.integer({ min: 50, max: 120 }),
          nFeatures: fc.integer({ min: 1, max: 12 }),
          earlyLeaf: fc.constantFrom(0, 0.15),
        }),
        async ({ seed, aggregate, depth, trees, nFeatures, earlyLeaf }) => {
          const model = randomTreeEnsemble(rng(seed), { aggregate, trees, depth, nFeatures, earlyLeaf });
          await expectMatch(model, seed + 1);
        },
      ),
      { seed: 20_260_512, numRuns: 16 },
    );
  });

  it.each([1, 2, 3, 4, 5, 6])('300 full trees of depth %i (sum-logistic and mean) match on 2,000 rows', async (depth) => {
    for (const aggregate of ['sum-logistic', 'mean'] as const) {
      await expectMatch(randomTreeEnsemble(rng(depth * 31 + aggregate.length), { aggregate, trees: 300, depth, nFeatures: 9 }), depth);
    }
  });

  it('rows exactly at a threshold go left (x <= threshold), one float32 step above goes right', async () => {
    // One stump per feature: left leaf +1, right leaf −1, threshold 0.1f.
    const t = Math.fround(0.1);
    const stump = (feature: number) => ({
      feature: Int32Array.from([feature, -1, -1]),
      threshold: Float32Array.from([t, 0, 0]),
      left: Int32Array.from([1, -1, -1]),
      right: Int32Array.from([2, -1, -1]),
      value: Float64Array.from([0, 1, -1]),
    });
    const model: TreeEnsemble = { kind: 'trees', aggregate: 'sum-logistic', base: 0, nFeatures: 1, trees: [stump(0)] };
    const values = Float32Array.from([t, nextFloat32(t, true), nextFloat32(t, false), 0.1 /* rounds to t */, -5, 5]);
    const got = await run(model, values, values.length);
    const s = (z: number) => 1 / (1 + Math.exp(-z));
    expect(Array.from(got).map((v) => Number(v.toFixed(6)))).toEqual([s(1), s(-1), s(1), s(1), s(1), s(-1)].map((v) => Number(v.toFixed(6))));
    expect(maxAbsDiff(got, predictRows(model, values, values.length))).toBeLessThanOrEqual(TOLERANCE);
  });

  it('NaN features go right in both, like the reference (NaN <= t is false)', async () => {
    const model = randomTreeEnsemble(rng(5), { aggregate: 'sum-logistic', trees: 50, depth: 4, nFeatures: 4 });
    const values = randomRows(rng(6), 200, 4);
    for (let i = 0; i < values.length; i += 3) values[i] = Number.NaN;
    expect(maxAbsDiff(await run(model, values, 200), predictRows(model, values, 200))).toBeLessThanOrEqual(TOLERANCE);
  });

  it.each(['positive', 'negative'] as const)('gradient boosting with only %s leaves (onnxruntime\'s binary special cases) still gives σ(score)', async (leaves) => {
    for (const base of [0, 0.7, -0.7]) {
      const model = { ...randomTreeEnsemble(rng(11), { aggregate: 'sum-logistic', trees: 50, depth: 3, nFeatures: 5, leaves }), base };
      await expectMatch(model, 12);
    }
  });

  it('a random forest whose mean crosses 0.5 either way, and single-leaf trees', async () => {
    const rand = rng(21);
    const model = randomTreeEnsemble(rand, { aggregate: 'mean', trees: 60, depth: 2, nFeatures: 3 });
    model.trees.push({ feature: Int32Array.from([-1]), threshold: Float32Array.from([0]), left: Int32Array.from([-1]), right: Int32Array.from([-1]), value: Float64Array.from([0.9]) });
    await expectMatch(model, 22);
    await expectMatch({ ...model, aggregate: 'sum-logistic', base: -0.2 }, 23);
  });

  it('nodes stored out of preorder, with unreachable nodes, are renumbered and still match', async () => {
    // Root at 0 splits to 3 (left) and 1 (right); 1 splits to 4 and 2; node 5 is unreachable.
    const tree = {
      feature: Int32Array.from([0, 1, -1, -1, -1, 0]),
      threshold: Float32Array.from([0, 0.5, 0, 0, 0, 9]),
      left: Int32Array.from([3, 4, -1, -1, -1, 0]),
      right: Int32Array.from([1, 2, -1, -1, -1, 0]),
      value: Float64Array.from([0, 0, 0.25, -0.5, 0.75, 100]),
    };
    const model: TreeEnsemble = { kind: 'trees', aggregate: 'sum-logistic', base: 0.1, nFeatures: 2, trees: [tree, tree] };
    await expectMatch(model, 31, 500);
  });
});

describe('linear models and ensembles → standard ops', () => {
  it('random linear models match predictRows on 2,000 rows', async () => {
    for (let seed = 1; seed <= 6; seed++) {
      await expectMatch(randomLinear(rng(seed), 1 + ((seed * 7) % 20)), 100 + seed);
    }
  });

  it('features with large means keep their digits (the graph computes in double, like the reference)', async () => {
    const model = randomLinear(rng(41), 6, { meanScale: 30_000 });
    const rand = rng(42);
    const values = Float32Array.from({ length: 6 * ROWS }, (_, i) => model.mean[i % 6] + (rand() * 2 - 1) * model.scale[i % 6] * 3);
    expect(maxAbsDiff(await run(model, values, ROWS), predictRows(model, values, ROWS))).toBeLessThanOrEqual(TOLERANCE);
  });

  it('random ensembles (boosted trees + forest + linear) match predictRows on 2,000 rows', async () => {
    for (let seed = 1; seed <= 4; seed++) {
      await expectMatch(randomEnsemble(rng(seed * 97), 4 + seed * 2), 200 + seed);
    }
  });

  it('an ensemble of one member equals that member', async () => {
    const member = randomLinear(rng(51), 5);
    const model: EnsembleModel = { kind: 'ensemble', nFeatures: 5, members: [{ weight: 1, model: member }] };
    await expectMatch(model, 52);
  });
});

describe('exporter input checks', () => {
  const good = () => randomTreeEnsemble(rng(1), { aggregate: 'sum-logistic', trees: 2, depth: 2, nFeatures: 3 });
  const cases: Array<[string, () => TabularModel, RegExp]> = [
    ['no trees', () => ({ ...good(), trees: [] }), /trees is empty/],
    ['a split on a feature the model does not have', () => {
      const m = good();
      m.trees[1].feature[0] = 3;
      return m;
    }, /trees\[1\] node 0 splits on feature 3, the model has 3/],
    ['a child index out of range', () => {
      const m = good();
      m.trees[0].left[0] = 99;
      return m;
    }, /trees\[0\] node 0 has left child 99 outside/],
    ['a cycle', () => {
      const m = good();
      m.trees[0].right[0] = 0;
      return m;
    }, /reached twice/],
    ['a NaN leaf', () => {
      const m = good();
      m.trees[0].value[m.trees[0].value.length - 1] = Number.NaN;
      return m;
    }, /is not a finite number/],
    ['a linear model with a zero scale', () => ({ ...randomLinear(rng(2), 3), scale: Float64Array.from([1, 0, 1]) }), /scale\[1\] is 0/],
    ['a linear model with too few weights', () => ({ ...randomLinear(rng(2), 3), weights: Float64Array.from([1, 2]) }), /weights has 2 entries, nFeatures is 3/],
    ['an ensemble member with another feature count', () => ({ kind: 'ensemble', nFeatures: 4, members: [{ weight: 1, model: randomLinear(rng(3), 3) }] }), /members\[0\] takes 3 features, the ensemble 4/],
    ['zero features', () => ({ ...randomLinear(rng(2), 3), nFeatures: 0 }), /nFeatures must be a positive integer/],
  ];
  it.each(cases)('%s is a ModelError MODEL_INVALID', (_name, make, message) => {
    let caught: unknown;
    try {
      exportTabularModel(make());
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ModelError);
    expect((caught as ModelError).code).toBe('MODEL_INVALID');
    expect((caught as ModelError).message).toMatch(message);
    expect((caught as ModelError).details.field).toBeTruthy();
  });
});
