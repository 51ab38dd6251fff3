// The prediction track with a sequence model (input [N, T, F]): the window of the last T feature rows per bar, the same
// probabilities in batch (chunked calls), bar by bar (single-row calls) and from the reference forward pass, and bars
// before T complete rows warming up.
import { afterAll, describe, expect, it } from 'vitest';
import { computeFeatures } from '../../../../electron/engine/ml/features';
import { exportGruModel, OnnxRunner, predictGru, type GruModel } from '../../../../electron/engine/ml/onnx';
import { Missing, PredictionTrack } from '../../../../electron/engine/ml/predictor/prediction-track';
import { Prng } from '../../../../electron/engine/ml/train/prng';
import { sliceSeries } from '../../../../electron/engine/model/candle-series';
import { syntheticMinutes } from '../features/synthetic';
import { gaussian } from './synthetic';

const runners: OnnxRunner[] = [];
afterAll(async () => {
  await Promise.all(runners.map((r) => r.close()));
});

function randomGru(F: number, H: number, T: number, seed: number): GruModel {
  const rng = new Prng(seed);
  const u = (n: number, k: number) => Float64Array.from({ length: n }, () => gaussian(rng) * k);
  return { kind: 'gru', inputSize: F, hiddenSize: H, seqLength: T, W: u(3 * H * F, 0.05), R: u(3 * H * H, 0.3), B: u(6 * H, 0.2), linearBeforeReset: true, denseWeights: u(H, 1), denseBias: 0.1 };
}

describe('PredictionTrack with a GRU', () => {
  const series = syntheticMinutes(700, 3);
  const features = computeFeatures(series);
  const T = 6;
  const model = randomGru(features.cols, 4, T, 8);

  it('predicts every bar with T complete rows behind it, the same in batch, bar by bar and by the reference', async () => {
    const runner = await OnnxRunner.load(exportGruModel(model), { timeoutMs: 30_000 });
    runners.push(runner);
    const batch = new PredictionTrack(runner, { chunkRows: 37 });
    await batch.update(series);
    // Live: a rolling window of two bars, one new bar (one single-row call) each time.
    const live = new PredictionTrack(runner);
    const liveP = new Float32Array(series.length);
    const liveMissing = new Uint8Array(series.length);
    for (let i = 0; i < series.length; i++) {
      await live.update(sliceSeries(series, Math.max(0, i - 1), i + 1));
      const last = live.p.length - 1;
      liveP[i] = live.p[last];
      liveMissing[i] = live.missing[last];
    }
    expect(Array.from(liveMissing)).toEqual(Array.from(batch.missing));
    expect(Buffer.from(liveP.buffer).equals(Buffer.from(batch.p.buffer))).toBe(true);

    // Reference: the windows of the batch feature matrix.
    const { values, cols } = features;
    let run = 0;
    let predicted = 0;
    for (let i = 0; i < series.length; i++) {
      let finite = true;
      for (let j = 0; j < cols; j++) finite &&= Number.isFinite(values[i * cols + j]);
      run = finite ? run + 1 : 0;
      if (run < T) {
        expect(batch.missing[i], `bar ${i}`).toBe(Missing.WarmingUp);
        continue;
      }
      expect(batch.missing[i], `bar ${i}`).toBe(Missing.None);
      const window = values.subarray((i - T + 1) * cols, (i + 1) * cols);
      expect(Math.abs(batch.p[i] - predictGru(model, window, 1)[0]), `bar ${i}`).toBeLessThanOrEqual(1e-5);
      predicted++;
    }
    expect(features.firstComplete).toBeGreaterThan(100);
    expect(batch.missing[features.firstComplete + T - 2]).toBe(Missing.WarmingUp);
    expect(batch.missing[features.firstComplete + T - 1]).toBe(Missing.None);
    expect(predicted).toBeGreaterThan(series.length - features.firstComplete - 2 * T);
  });

  it('a series continuing the last one carries its window on; one that does not starts it again', async () => {
    const runner = await OnnxRunner.load(exportGruModel(model), { timeoutMs: 30_000 });
    runners.push(runner);
    const whole = new PredictionTrack(runner);
    await whole.update(series);
    const track = new PredictionTrack(runner, { chunkRows: 50 });
    await track.update(sliceSeries(series, 0, 400));
    // Fewer bars at the front, more at the end: the ring of rows goes on as if the series had come whole.
    await track.update(sliceSeries(series, 300, 700));
    expect(Buffer.from(track.p.buffer).equals(Buffer.from(whole.p.slice(300, 700).buffer))).toBe(true);
    expect(Array.from(track.missing)).toEqual(Array.from(whole.missing.subarray(300, 700)));
    // An earlier stretch does not continue it: features and window warm up again from its first bar.
    const part = sliceSeries(series, 100, 450);
    await track.update(part);
    const fresh = new PredictionTrack(runner);
    await fresh.update(part);
    expect(Buffer.from(track.p.buffer).equals(Buffer.from(fresh.p.buffer))).toBe(true);
    expect(Array.from(track.missing)).toEqual(Array.from(fresh.missing));
    expect(track.missing.subarray(0, 150).every((m) => m === Missing.WarmingUp)).toBe(true);
  });
});
