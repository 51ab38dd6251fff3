// P(up) of a sequence dataset's samples by the exported model's reference forward pass (onnx/sequence.ts predictGru on
// the raw windows, float32 inputs and weights), in chunks so a month of windows is never gathered at once.
import { ModelError } from '../../errors';
import { predictGru, type GruModel } from '../onnx';
import { gatherWindows, type SequenceDataset } from './dataset';

/** Samples per gathered chunk: 1,024 windows of 32 × 61 floats is 8 MB. */
export const CHUNK_SAMPLES = 1_024;

/** Calls `each(windows, first, count)` on consecutive chunks of the samples' [count, T, F] windows (one buffer reused). */
export async function forEachWindowChunk(d: SequenceDataset, each: (windows: Float32Array, first: number, count: number) => Promise<void> | void, chunk = CHUNK_SAMPLES): Promise<void> {
  const buffer = new Float32Array(Math.min(chunk, Math.max(1, d.rows)) * d.seqLength * d.cols);
  for (let first = 0; first < d.rows; first += chunk) {
    const count = Math.min(chunk, d.rows - first);
    await each(gatherWindows(d, first, count, buffer), first, count);
  }
}

export function checkModelFits(model: GruModel, d: SequenceDataset): void {
  if (model.seqLength !== d.seqLength || model.inputSize !== d.cols) {
    throw new ModelError(`the GRU reads windows of ${model.seqLength} × ${model.inputSize}, the data has ${d.seqLength} × ${d.cols}`, 'MODEL_FEATURE_COUNT', {
      field: 'features', expected: model.seqLength * model.inputSize, value: d.seqLength * d.cols,
    });
  }
}

/** P(up) for every sample of `d`, as the exported model computes it (to float32 rounding). */
export function predictSequences(model: GruModel, d: SequenceDataset, chunk = CHUNK_SAMPLES): Float64Array {
  checkModelFits(model, d);
  const out = new Float64Array(d.rows);
  const size = d.seqLength * d.cols;
  const buffer = new Float32Array(Math.min(chunk, Math.max(1, d.rows)) * size);
  for (let first = 0; first < d.rows; first += chunk) {
    const count = Math.min(chunk, d.rows - first);
    out.set(predictGru(model, gatherWindows(d, first, count, buffer), count), first);
  }
  return out;
}
