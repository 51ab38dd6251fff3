// Histogram GBDT: learns a known signal and an interaction, is byte-for-byte deterministic per seed, keeps the best
// validation iteration, and its own running predictions are what model.ts predicts from the exported trees.
import { describe, expect, it } from 'vitest';
import { predictRows } from '../../../../electron/engine/ml/model';
import { resolveValidation } from '../../../../electron/engine/ml/train/common';
import { trainGbdt } from '../../../../electron/engine/ml/train/gbdt';
import { auc, logLoss } from '../../../../electron/engine/ml/train/metrics';
import { linearSignal, makeDataset, makeTiedDataset, modelBytes, xorSignal } from './synthetic';

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

describe('trainGbdt', () => {
  const train = makeDataset(8000, 8, 21, linearSignal);
  const valid = makeDataset(2000, 8, 22, linearSignal);
  const test = makeDataset(5000, 8, 23, linearSignal);

  it('finds a linear signal: held-out AUC near the Bayes bound (≈ 0.855), far above chance', async () => {
    const res = await trainGbdt(train, { validation: valid, nEstimators: 200 });
    const a = auc(predictRows(res.model, test.values, test.rows), test.labels);
    expect(a).toBeGreaterThan(0.83);
    expect(res.model.aggregate).toBe('sum-logistic');
    expect(res.model.nFeatures).toBe(8);
    let pos = 0;
    for (const y of train.labels) pos += y;
    expect(res.model.base).toBeCloseTo(Math.log(pos / (train.rows - pos)), 12);
  });

  it('learns an XOR-like interaction', async () => {
    const tr = makeDataset(8000, 4, 24, xorSignal);
    const te = makeDataset(4000, 4, 25, xorSignal);
    const res = await trainGbdt(tr, { validationFraction: 0.2, nEstimators: 150, learningRate: 0.1 });
    expect(auc(predictRows(res.model, te.values, te.rows), te.labels)).toBeGreaterThan(0.95);
  });

  it('gives byte-identical models for the same seed and different ones for another seed', async () => {
    const opts = { validation: valid, nEstimators: 30, subsample: 0.7, colsampleByTree: 0.6 };
    const a = await trainGbdt(train, { ...opts, seed: 5 });
    const b = await trainGbdt(train, { ...opts, seed: 5 });
    const c = await trainGbdt(train, { ...opts, seed: 6 });
    expect(modelBytes(a.model)).toBe(modelBytes(b.model));
    expect(a.validLoss).toEqual(b.validLoss);
    expect(modelBytes(a.model)).not.toBe(modelBytes(c.model));
    // Without subsampling there is nothing to draw: the seed does not matter.
    const d = await trainGbdt(train, { nEstimators: 10, subsample: 1, colsampleByTree: 1, seed: 1 });
    const e = await trainGbdt(train, { nEstimators: 10, subsample: 1, colsampleByTree: 1, seed: 2 });
    expect(modelBytes(d.model)).toBe(modelBytes(e.model));
  });

  it("stops early and keeps the best validation iteration's trees when it overfits", async () => {
    // A weak signal, few rows, deep trees and a high learning rate: the validation loss falls, then climbs.
    const tr = makeDataset(1500, 6, 26, (x, o) => 0.4 * x[o], 1);
    const va = makeDataset(1500, 6, 27, (x, o) => 0.4 * x[o], 1);
    const res = await trainGbdt(tr, { validation: va, nEstimators: 400, learningRate: 0.3, maxDepth: 8, minChildWeight: 0.1, lambda: 0, subsample: 1, colsampleByTree: 1, earlyStoppingRounds: 25 });
    const min = Math.min(...res.validLoss);
    const bestIndex = res.validLoss.indexOf(min);
    expect(res.bestIteration).toBe(bestIndex + 1);
    expect(res.model.trees.length).toBe(res.bestIteration);
    expect(res.treesTrained).toBe(res.bestIteration + 25);
    expect(res.treesTrained).toBeLessThan(400);
    expect(res.validLoss[res.validLoss.length - 1]).toBeGreaterThan(min);
    // The kept model's validation loss is that minimum, from model.ts's own prediction.
    expect(logLoss(predictRows(res.model, va.values, va.rows), va.labels)).toBeCloseTo(min, 12);
    expect(maxDiff(res.validPredictions, predictRows(res.model, va.values, va.rows))).toBeLessThan(1e-12);
  });

  for (const [name, data] of [
    ['continuous, rows and columns subsampled', makeDataset(6000, 7, 28, xorSignal)],
    ['ties, ±0 and float32 neighbours', makeTiedDataset(6000, 7, 29)],
  ] as const) {
    it(`predictRows on the training rows equals the trainer's running predictions to 1e-9 (${name})`, async () => {
      const res = await trainGbdt(data, { nEstimators: 60, maxDepth: 6, subsample: 0.7, colsampleByTree: 0.7, validationFraction: 0.25, earlyStoppingRounds: 0 });
      const { train: tr, valid: va } = resolveValidation(data, { validationFraction: 0.25 });
      expect(res.trainPredictions.length).toBe(tr.rows);
      expect(maxDiff(res.trainPredictions, predictRows(res.model, tr.values, tr.rows))).toBeLessThan(1e-9);
      expect(maxDiff(res.validPredictions, predictRows(res.model, va!.values, va!.rows))).toBeLessThan(1e-9);
      expect(res.model.trees.length).toBe(res.bestIteration);
    });
  }

  it('honours sample weights: zero-weight rows change nothing', async () => {
    const weights = new Float64Array(train.rows).fill(1);
    const flipped = train.labels.slice();
    for (let r = 0; r < train.rows; r += 3) {
      weights[r] = 0;
      flipped[r] = 1 - flipped[r];
    }
    const opts = { nEstimators: 20, subsample: 1, colsampleByTree: 1 };
    const a = await trainGbdt({ ...train, weights }, opts);
    const b = await trainGbdt({ ...train, labels: flipped, weights }, opts);
    expect(modelBytes(a.model)).toBe(modelBytes(b.model));
  });

  it('reports progress per tree and can be cancelled between trees', async () => {
    const seen: Array<[number, number]> = [];
    await trainGbdt(train, { nEstimators: 5, onProgress: (done, total) => seen.push([done, total]) });
    expect(seen).toEqual([[1, 5], [2, 5], [3, 5], [4, 5], [5, 5]]);
    const ac = new AbortController();
    await expect(trainGbdt(train, { nEstimators: 100, signal: ac.signal, onProgress: (done) => done === 3 && ac.abort() })).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('refuses bad options and one-class labels', async () => {
    await expect(trainGbdt(train, { learningRate: 0 })).rejects.toThrow(/learningRate/);
    await expect(trainGbdt(train, { maxDepth: 0 })).rejects.toThrow(/maxDepth/);
    await expect(trainGbdt({ ...train, labels: new Uint8Array(train.rows) })).rejects.toThrow(/both up and down/);
    await expect(trainGbdt(train, { nEstimator: 5 } as never)).rejects.toThrow(/no option "nEstimator"/);
    await expect(trainGbdt(train, { maxBins: 300 })).rejects.toThrow(/maxBins/);
  });
});
