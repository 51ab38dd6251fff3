// The ensemble: simplex-grid weights minimising the validation log-loss, written as model.ts's weighted average.
import { describe, expect, it } from 'vitest';
import { predictRows } from '../../../../electron/engine/ml/model';
import { fitEnsembleWeights, trainEnsemble } from '../../../../electron/engine/ml/train/ensemble';
import { trainForest } from '../../../../electron/engine/ml/train/forest';
import { trainGbdt } from '../../../../electron/engine/ml/train/gbdt';
import { trainLogistic } from '../../../../electron/engine/ml/train/logistic';
import { auc, logLoss } from '../../../../electron/engine/ml/train/metrics';
import { makeDataset, modelBytes } from './synthetic';

// A linear part and an interaction: the logistic model catches one, the trees both.
const mixed = (x: Float32Array, o: number) => 0.8 * x[o + 2] + 1.5 * Math.sign(x[o] * x[o + 1]);

describe('ensemble', () => {
  const train = makeDataset(6000, 5, 51, mixed);
  const valid = makeDataset(2000, 5, 52, mixed);
  const test = makeDataset(4000, 5, 53, mixed);

  it('picks grid weights no worse than any member on validation, summing to 1, zero-weight members left out', async () => {
    const g = (await trainGbdt(train, { validation: valid, nEstimators: 150, learningRate: 0.1 })).model;
    const f = (await trainForest(train, { nEstimators: 30 })).model;
    const l = (await trainLogistic(train)).model;
    const res = fitEnsembleWeights([g, f, l], valid, { step: 0.1 });
    expect(res.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    for (const w of res.weights) expect(Math.abs(w * 10 - Math.round(w * 10))).toBeLessThan(1e-12);
    for (const m of res.memberLoss) expect(res.validLoss).toBeLessThanOrEqual(m + 1e-15);
    expect(res.model.members.length).toBe(res.weights.filter((w) => w > 0).length);
    // The model's prediction is the weighted average, and its loss is the one reported.
    const p = predictRows(res.model, valid.values, valid.rows);
    expect(logLoss(p, valid.labels)).toBeCloseTo(res.validLoss, 12);
    const parts = [g, f, l].map((m) => predictRows(m, valid.values, valid.rows));
    for (let i = 0; i < valid.rows; i += 37) expect(p[i]).toBeCloseTo(res.weights.reduce((s, w, j) => s + w * parts[j][i], 0), 12);
    expect(auc(predictRows(res.model, test.values, test.rows), test.labels)).toBeGreaterThan(0.85);
  });

  it('trains its members on the rows before the validation window and is deterministic per seed', async () => {
    const data = makeDataset(5000, 5, 54, mixed);
    const opts = { validationFraction: 0.25, embargo: 5, gbdt: { nEstimators: 60 }, forest: { nEstimators: 10 }, seed: 3 };
    const progress: string[] = [];
    const a = await trainEnsemble(data, { ...opts, onProgress: (_d, _t, msg) => progress.push(msg) });
    const b = await trainEnsemble(data, opts);
    expect(modelBytes(a.model)).toBe(modelBytes(b.model));
    expect(a.trained.map((t) => t.kind)).toEqual(['gbdt', 'forest', 'logistic']);
    expect(a.model.kind).toBe('ensemble');
    expect(progress.some((m) => m.startsWith('gbdt:'))).toBe(true);
    expect(progress.some((m) => m.startsWith('logistic:'))).toBe(true);
    expect(auc(predictRows(a.model, test.values, test.rows), test.labels)).toBeGreaterThan(0.85);
    await expect(trainEnsemble(data, { members: ['gbdt', 'gbdt'] })).rejects.toThrow(/distinct/);
    expect(() => fitEnsembleWeights([], valid)).toThrow(/at least one/);
    expect(() => fitEnsembleWeights([a.trained[2].model], valid, { step: 0.3 })).toThrow(/integer/);
  });
});
