// The Predictor opens a GRU (input [T, 61]) trained on this build's features as it opens a tabular model, and refuses
// one that reads rows of another width, as it refuses a tabular model of another width.
import { describe, expect, it } from 'vitest';
import { codeFeatureHash } from '../../../../electron/engine/ml/features/hash';
import { exportGruModel, OnnxRunner, type GruModel } from '../../../../electron/engine/ml/onnx';
import { checkModelFeatures, META } from '../../../../electron/engine/ml/predictor/load-model';

function gru(F: number, T: number): GruModel {
  const H = 2;
  return { kind: 'gru', inputSize: F, hiddenSize: H, seqLength: T, W: new Float32Array(3 * H * F), R: new Float32Array(3 * H * H), B: new Float32Array(6 * H), linearBeforeReset: true, denseWeights: new Float32Array(H), denseBias: 0 };
}

describe('opening a GRU for the Predictor', () => {
  const metadata = { [META.featureHash]: codeFeatureHash(), [META.kind]: 'gru' };

  it('accepts windows of T rows of the 61 features', async () => {
    const runner = await OnnxRunner.load(exportGruModel(gru(61, 24), { metadata }));
    try {
      expect(runner.rowShape).toEqual([24, 61]);
      await expect(checkModelFeatures('g', runner)).resolves.toBeUndefined();
    } finally {
      await runner.close();
    }
  });

  it('refuses rows of another width, naming both hashes', async () => {
    const runner = await OnnxRunner.load(exportGruModel(gru(60, 24), { metadata }));
    await expect(checkModelFeatures('g', runner)).rejects.toMatchObject({ code: 'MODEL_SCHEMA_MISMATCH' });
    // The runner was closed by the refusal.
    await expect(runner.predict(new Float32Array(0), 0)).rejects.toMatchObject({ code: 'MODEL_CLOSED' });
  });
});
