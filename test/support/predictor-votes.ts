// Runs a model's Predictor both ways over the same bars — batch (chunked onnxruntime calls in one preload) and
// streaming (one candle at a time) — and checks each bar's votes are equal; returns the batch agent for more checks.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Vote } from '../../electron/engine/agents/types';
import type { ModelKind } from '../../shared/model-manifest';
import { OnnxRunner } from '../../electron/engine/ml/onnx';
import { OnnxPredictor, OnnxPredictorStream } from '../../electron/engine/ml/predictor/onnx-predictor';
import { candleAt, type CandleSeries } from '../../electron/engine/model/candle-series';

export async function batchEqualsStream(onnxPath: string, model: { name: string; kind: ModelKind }, bars: CandleSeries, chunkRows: number): Promise<{ batch: OnnxPredictor; votes: Vote[] }> {
  const bytes = readFileSync(onnxPath);
  const open = async () => ({ ...model, horizon: 5, runner: await OnnxRunner.load(bytes) });
  const batch = new OnnxPredictor({ open, gain: 4, chunkRows });
  await batch.preload(bars);
  batch.prepare(bars);
  const stream = new OnnxPredictorStream({ open, gain: 4 });
  const votes: Vote[] = [];
  for (let i = 0; i < bars.length; i++) {
    const live = await stream.update(candleAt(bars, i));
    const v = batch.vote(i);
    expect(live, `bar ${i}`).toEqual(v);
    votes.push(v);
  }
  return { batch, votes };
}
