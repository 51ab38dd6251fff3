// The GRU trainer: finds a signal spread over several past rows (which no single row carries), is deterministic for a
// seed down to the exported bytes, stops early on its validation window, reports progress and can be cancelled.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../electron/engine/errors';
import { scoreClassifier } from '../../../../electron/engine/ml/evaluate/classification';
import { exportGruModel } from '../../../../electron/engine/ml/onnx';
import { predictSequences, trainGru } from '../../../../electron/engine/ml/sequence';
import { sliceSamples, sumSignal } from './synthetic';

const T = 8;
const { data } = sumSignal(4_000, 3, T, 5, 21);
const train = sliceSamples(data, 0, 3_000);
const valid = sliceSamples(data, 3_000, data.rows);
const small = { seqLength: T, hiddenSize: 8, batchSize: 64, learningRate: 0.01, weightDecay: 0 };

describe('GRU trainer', () => {
  it('learns label = sign(Σ x0 over the last 5 rows) far above chance', async () => {
    const r = await trainGru(train, { ...small, maxEpochs: 15, patience: 3, validation: valid, seed: 3 });
    const p = predictSequences(r.model, valid);
    const s = scoreClassifier(p, valid.labels);
    expect(s.accuracy).toBeGreaterThan(0.9);
    expect(s.auc).toBeGreaterThan(0.97);
    expect(r.history[0].validLoss).toBeGreaterThan(r.history[r.bestEpoch - 1].validLoss);
    // The reported validation predictions are the trainer's (unfolded) network's: the exported model's to 1e-6.
    for (let i = 0; i < p.length; i++) expect(Math.abs(p[i] - r.validPredictions[i])).toBeLessThan(1e-6);
  });

  it('gives identical weights and ONNX bytes for the same seed, other weights for another', async () => {
    const opts = { ...small, maxEpochs: 2, validation: valid };
    const [a, b, c] = [await trainGru(train, { ...opts, seed: 5 }), await trainGru(train, { ...opts, seed: 5 }), await trainGru(train, { ...opts, seed: 6 })];
    expect(Buffer.from(a.theta.buffer).equals(Buffer.from(b.theta.buffer))).toBe(true);
    expect(Buffer.from(exportGruModel(a.model)).equals(Buffer.from(exportGruModel(b.model)))).toBe(true);
    expect(Buffer.from(a.theta.buffer).equals(Buffer.from(c.theta.buffer))).toBe(false);
  });

  it('keeps the best validation epoch and stops `patience` epochs after it', async () => {
    // Noise labels: nothing to learn, so the validation loss stops improving early.
    const noise = { ...train, labels: train.labels.map((_, i) => ((i * 2654435761) >>> 7) & 1) };
    const r = await trainGru(noise, { ...small, learningRate: 0.03, maxEpochs: 30, patience: 2, validation: valid, seed: 1 });
    expect(r.history.length).toBeLessThan(30);
    expect(r.history.length).toBe(r.bestEpoch + 2);
    const best = Math.min(...r.history.map((h) => h.validLoss));
    expect(r.history[r.bestEpoch - 1].validLoss).toBe(best);
  });

  it('reports progress, and an aborted signal rejects with CANCELLED', async () => {
    const seen: number[] = [];
    await trainGru(train, { ...small, maxEpochs: 1, onProgress: (done, total) => seen.push(done / total) });
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.every((v, i) => i === 0 || v >= seen[i - 1])).toBe(true);
    const controller = new AbortController();
    const run = trainGru(train, { ...small, maxEpochs: 50, signal: controller.signal, onProgress: (done) => { if (done === 5) controller.abort(); } });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('refuses unknown options, windows of another length, and one-class labels', async () => {
    await expect(trainGru(train, { ...small, hidenSize: 4 } as never)).rejects.toThrow(ConfigError);
    await expect(trainGru(train, { ...small, seqLength: 4 })).rejects.toThrow(/windows of 8 rows, the GRU's seqLength is 4/);
    await expect(trainGru({ ...train, labels: new Uint8Array(train.rows) }, small)).rejects.toThrow(/both up and down/);
  });
});
