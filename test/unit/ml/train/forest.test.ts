// Random forest: learns the signal and the interaction, leaves hold shares of up rows, deterministic per seed.
import { describe, expect, it } from 'vitest';
import { predictRow, predictRows } from '../../../../electron/engine/ml/model';
import { trainForest } from '../../../../electron/engine/ml/train/forest';
import { auc } from '../../../../electron/engine/ml/train/metrics';
import { linearSignal, makeDataset, makeTiedDataset, modelBytes, xorSignal } from './synthetic';

describe('trainForest', () => {
  const train = makeDataset(6000, 8, 31, linearSignal);
  const test = makeDataset(4000, 8, 32, linearSignal);

  it('finds a linear signal (held-out AUC well above chance) and an XOR interaction', async () => {
    const res = await trainForest(train, { nEstimators: 60 });
    expect(res.model.aggregate).toBe('mean');
    expect(res.model.base).toBe(0);
    expect(res.model.trees.length).toBe(60);
    expect(auc(predictRows(res.model, test.values, test.rows), test.labels)).toBeGreaterThan(0.8);
    const xtr = makeDataset(6000, 4, 33, xorSignal);
    const xte = makeDataset(3000, 4, 34, xorSignal);
    const x = await trainForest(xtr, { nEstimators: 40, maxFeatures: 2 });
    expect(auc(predictRows(x.model, xte.values, xte.rows), xte.labels)).toBeGreaterThan(0.95);
    // Out-of-bag predictions exist for nearly every row and carry the signal.
    const oob = x.oobPredictions;
    const seen = oob.filter((p) => !Number.isNaN(p)).length;
    expect(seen / oob.length).toBeGreaterThan(0.99);
    expect(auc(Array.from(oob, (p) => (Number.isNaN(p) ? 0.5 : p)), xtr.labels)).toBeGreaterThan(0.95);
  });

  it('gives byte-identical forests for the same seed and different ones for another seed', async () => {
    const a = await trainForest(train, { nEstimators: 8, seed: 9 });
    const b = await trainForest(train, { nEstimators: 8, seed: 9 });
    const c = await trainForest(train, { nEstimators: 8, seed: 10 });
    expect(modelBytes(a.model)).toBe(modelBytes(b.model));
    expect(modelBytes(a.model)).not.toBe(modelBytes(c.model));
  });

  it('without bootstrap and with all features, each leaf holds the share of up training rows that reach it', async () => {
    for (const data of [makeDataset(3000, 5, 35, xorSignal), makeTiedDataset(3000, 5, 36)]) {
      for (const criterion of ['gini', 'entropy'] as const) {
        const res = await trainForest(data, { nEstimators: 1, bootstrap: false, maxFeatures: 5, criterion, minSamplesLeaf: 4 });
        const tree = res.model.trees[0];
        const up = new Map<number, number>();
        const all = new Map<number, number>();
        for (let r = 0; r < data.rows; r++) {
          let n = 0;
          while (tree.feature[n] >= 0) n = Math.fround(data.values[r * data.cols + tree.feature[n]]) <= tree.threshold[n] ? tree.left[n] : tree.right[n];
          all.set(n, (all.get(n) ?? 0) + 1);
          up.set(n, (up.get(n) ?? 0) + data.labels[r]);
        }
        for (const [leaf, count] of all) {
          expect(tree.value[leaf]).toBeCloseTo((up.get(leaf) ?? 0) / count, 12);
          expect(count).toBeGreaterThanOrEqual(4);
        }
        for (let r = 0; r < data.rows; r += 50) {
          const p = predictRow(res.model, data.values, r * data.cols);
          expect(p >= 0 && p <= 1).toBe(true);
        }
      }
    }
  });

  it('respects maxDepth, reports progress per tree and can be cancelled', async () => {
    const seen: number[] = [];
    const res = await trainForest(train, { nEstimators: 4, maxDepth: 3, onProgress: (done) => seen.push(done) });
    expect(seen).toEqual([1, 2, 3, 4]);
    for (const t of res.model.trees) expect(t.feature.length).toBeLessThanOrEqual(15);
    const ac = new AbortController();
    await expect(trainForest(train, { nEstimators: 50, signal: ac.signal, onProgress: (d) => d === 2 && ac.abort() })).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(trainForest(train, { maxFeatures: 99 })).rejects.toThrow(/maxFeatures/);
    await expect(trainForest(train, { bootstrap: 'false' } as never)).rejects.toThrow(/bootstrap/);
    await expect(trainForest(train, { depth: 3 } as never)).rejects.toThrow(/no option "depth"/);
  });
});
