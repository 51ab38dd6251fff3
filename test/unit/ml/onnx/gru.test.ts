// The GRU export (ONNX's GRU operator + dense + sigmoid) run in onnxruntime equals the TypeScript forward pass to 1e-5.
import { afterAll, describe, expect, it } from 'vitest';
import { ModelError } from '../../../../electron/engine/errors';
import { exportGruModel, predictGru, type GruModel } from '../../../../electron/engine/ml/onnx/sequence';
import { OnnxRunner } from '../../../../electron/engine/ml/onnx/runner';
import { maxAbsDiff, rng } from './helpers';

const runners: OnnxRunner[] = [];
afterAll(async () => {
  await Promise.all(runners.map((r) => r.close()));
});

function randomGru(seed: number, shape: { F: number; H: number; T: number; linearBeforeReset: boolean; spread?: number }): GruModel {
  const rand = rng(seed);
  const spread = shape.spread ?? 1;
  const u = (n: number, k = spread) => Float32Array.from({ length: n }, () => (rand() * 2 - 1) * k);
  const { F, H, T } = shape;
  return {
    kind: 'gru',
    inputSize: F,
    hiddenSize: H,
    seqLength: T,
    W: u(3 * H * F, spread / Math.sqrt(F)),
    R: u(3 * H * H, spread / Math.sqrt(H)),
    B: u(6 * H, 0.5),
    linearBeforeReset: shape.linearBeforeReset,
    denseWeights: u(H, 2),
    denseBias: rand() - 0.5,
  };
}

describe('GRU export', () => {
  const shapes = [
    { F: 1, H: 1, T: 1 },
    { F: 4, H: 8, T: 16 },
    { F: 12, H: 32, T: 60 },
    { F: 7, H: 24, T: 30, spread: 3 },
  ];
  for (const linearBeforeReset of [false, true]) {
    it.each(shapes)(`F=$F H=$H T=$T, linear_before_reset=${linearBeforeReset}: onnxruntime equals predictGru to 1e-5 on 2,000 samples`, async (shape) => {
      const model = randomGru(shape.F * 1000 + shape.H * 10 + shape.T + (linearBeforeReset ? 1 : 0), { ...shape, linearBeforeReset });
      const runner = await OnnxRunner.load(exportGruModel(model), { timeoutMs: 30_000 });
      runners.push(runner);
      expect(runner.rowShape).toEqual([shape.T, shape.F]);
      const rows = 2_000;
      const rand = rng(shape.T);
      const values = Float32Array.from({ length: rows * shape.T * shape.F }, () => rand() * 6 - 3);
      const got = await runner.predict(values, rows);
      expect(maxAbsDiff(got, predictGru(model, values, rows))).toBeLessThanOrEqual(1e-5);
      // One sample at a time gives the same numbers.
      const one = await runner.predictOne(values.subarray(0, shape.T * shape.F));
      expect(one).toBe(got[0]);
    });
  }

  it('the two GRU forms differ (the test above would notice a swapped linear_before_reset)', () => {
    const a = randomGru(3, { F: 3, H: 5, T: 8, linearBeforeReset: false, spread: 3 });
    const rand = rng(4);
    const values = Float32Array.from({ length: 50 * 8 * 3 }, () => rand() * 6 - 3);
    expect(maxAbsDiff(predictGru(a, values, 50), predictGru({ ...a, linearBeforeReset: true }, values, 50))).toBeGreaterThan(1e-3);
  });

  it('exports are byte-identical for the same weights and metadata', () => {
    const model = randomGru(9, { F: 3, H: 4, T: 5, linearBeforeReset: true });
    const a = exportGruModel(model, { metadata: { kind: 'gru', schema: 'abc' } });
    const b = exportGruModel({ ...model, W: Float32Array.from(model.W) }, { metadata: { schema: 'abc', kind: 'gru' } });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('weights of the wrong size are a ModelError naming the array and the sizes', () => {
    const model = randomGru(1, { F: 3, H: 4, T: 5, linearBeforeReset: false });
    expect(() => exportGruModel({ ...model, R: new Float32Array(10) })).toThrow(ModelError);
    expect(() => exportGruModel({ ...model, R: new Float32Array(10) })).toThrow('R has 10 entries, expected 48');
    expect(() => predictGru(model, new Float32Array(14), 1)).toThrow('expected 1×5×3 = 15 values, got 14');
  });
});
