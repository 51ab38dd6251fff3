// Logistic regression by Newton's method: converges to the penalised optimum, stores its standardisation, and
// cannot (by design) learn an interaction.
import { describe, expect, it } from 'vitest';
import { predictRows, sigmoid } from '../../../../electron/engine/ml/model';
import { trainLogistic } from '../../../../electron/engine/ml/train/logistic';
import { auc } from '../../../../electron/engine/ml/train/metrics';
import { linearSignal, makeDataset, modelBytes, xorSignal } from './synthetic';

describe('trainLogistic', () => {
  const train = makeDataset(10_000, 6, 41, linearSignal);
  const test = makeDataset(5000, 6, 42, linearSignal);

  it('finds the linear signal: AUC near the Bayes bound, weights in the ratio 1 : 0.5, the rest near 0', async () => {
    const res = await trainLogistic(train);
    expect(res.converged).toBe(true);
    expect(res.iterations).toBeLessThan(15);
    expect(auc(predictRows(res.model, test.values, test.rows), test.labels)).toBeGreaterThan(0.84);
    const w = res.model.weights;
    const s = res.model.scale;
    expect(w[1] / s[1] / (w[0] / s[0])).toBeCloseTo(0.5, 1);
    for (let j = 2; j < 6; j++) expect(Math.abs(w[j])).toBeLessThan(0.1 * Math.abs(w[0]));
  });

  it('stops at the optimum: the gradient of the penalised mean log-loss is ~0', async () => {
    const l2 = 0.01;
    const res = await trainLogistic(train, { l2 });
    const m = res.model;
    const p = predictRows(m, train.values, train.rows);
    const grad = new Float64Array(train.cols + 1);
    for (let r = 0; r < train.rows; r++) {
      const e = p[r] - train.labels[r];
      grad[0] += e;
      for (let j = 0; j < train.cols; j++) grad[j + 1] += (e * (train.values[r * train.cols + j] - m.mean[j])) / m.scale[j];
    }
    for (let j = 0; j <= train.cols; j++) grad[j] = grad[j] / train.rows + (j > 0 ? l2 * m.weights[j - 1] : 0);
    for (const g of grad) expect(Math.abs(g)).toBeLessThan(1e-8);
    expect(sigmoid(m.bias)).toBeGreaterThan(0.3);
  });

  it('stores mean and scale; a constant column gets scale 1 and weight 0', async () => {
    const values = train.values.slice();
    for (let r = 0; r < train.rows; r++) values[r * train.cols + 3] = 2.5;
    const res = await trainLogistic({ ...train, values });
    expect(res.model.mean[3]).toBe(2.5);
    expect(res.model.scale[3]).toBe(1);
    expect(res.model.weights[3]).toBe(0);
    expect(res.model.mean[0]).toBeCloseTo(0, 1);
    expect(res.model.scale[0]).toBeCloseTo(1, 1);
  });

  it('is deterministic (no randomness: the seed does not matter) and cannot learn XOR', async () => {
    const a = await trainLogistic(train, { seed: 1 });
    const b = await trainLogistic(train, { seed: 2 });
    expect(modelBytes(a.model)).toBe(modelBytes(b.model));
    const xtr = makeDataset(6000, 4, 43, xorSignal);
    const xte = makeDataset(3000, 4, 44, xorSignal);
    const x = await trainLogistic(xtr);
    expect(Math.abs(auc(predictRows(x.model, xte.values, xte.rows), xte.labels) - 0.5)).toBeLessThan(0.05);
  });

  it('survives separable data with l2 = 0 (it stops instead of diverging) and can be cancelled', async () => {
    const sep = makeDataset(2000, 3, 45, linearSignal, 0);
    const res = await trainLogistic(sep, { l2: 0, maxIterations: 30 });
    expect(res.iterations).toBeLessThanOrEqual(30);
    expect(Number.isFinite(res.model.bias)).toBe(true);
    expect(auc(predictRows(res.model, sep.values, sep.rows), sep.labels)).toBeGreaterThan(0.999);
    const ac = new AbortController();
    ac.abort();
    await expect(trainLogistic(train, { signal: ac.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
