// The standardisation folded into the exported weights gives the probabilities of the network run on standardised
// inputs: exactly (1e-9) in double arithmetic, to 1e-6 once the weights are float32 as the ONNX graph holds them, and
// onnxruntime agrees with the reference forward pass to 1e-5.
import { afterAll, describe, expect, it } from 'vitest';
import { exportGruModel, OnnxRunner, predictGru, type GruModel } from '../../../../electron/engine/ml/onnx';
import { fitStandardisation, foldedGruModel, gatherWindows, GruNet, gruLayout, standardisedInputs } from '../../../../electron/engine/ml/sequence';
import { Prng } from '../../../../electron/engine/ml/train/prng';
import { gaussian, OFFSETS, sumSignal } from './synthetic';

const runners: OnnxRunner[] = [];
afterAll(async () => {
  await Promise.all(runners.map((r) => r.close()));
});

/** The folded model's weights back in the trainer's flat layout (input biases → Wb, recurrent → Rb). */
function thetaOf(model: GruModel): Float64Array {
  const { inputSize: F, hiddenSize: H } = model;
  const L = gruLayout(F, H);
  const theta = new Float64Array(L.size);
  theta.set(Array.from(model.W), L.W);
  theta.set(Array.from(model.R), L.R);
  theta.set(Array.from(model.B).slice(0, 3 * H), L.Wb);
  theta.set(Array.from(model.B).slice(3 * H), L.Rb);
  theta.set(Array.from(model.denseWeights), L.dense);
  theta[L.denseBias] = model.denseBias;
  return theta;
}

describe('folded standardisation', () => {
  const F = 4;
  const H = 6;
  const T = 7;
  const { data } = sumSignal(1_500, F, T, 3, 11);
  const st = fitStandardisation(data);
  const net = new GruNet({ inputSize: F, hiddenSize: H, seqLength: T }, 256);
  const rng = new Prng(5);
  for (let i = 0; i < net.theta.length; i++) net.theta[i] = gaussian(rng) * 0.5;
  const unfolded = net.predictAll(standardisedInputs(data, st));
  const model = foldedGruModel(net.theta, F, H, T, st);

  it('learns the columns’ mean and scale from the samples', () => {
    for (let j = 0; j < F; j++) expect(Math.abs(st.mean[j] - OFFSETS[j])).toBeLessThan(0.1 * st.scale[j]);
    expect(st.scale[0]).toBeCloseTo(0.01, 3);
    expect(st.scale[3]).toBeGreaterThan(40);
  });

  it('is exact in double arithmetic (raw rows through the folded weights)', () => {
    const raw = new GruNet({ inputSize: F, hiddenSize: H, seqLength: T }, 256);
    raw.theta.set(thetaOf(model));
    const xs = Float64Array.from(data.values);
    const offsets = Int32Array.from(data.ends, (end) => (end - T + 1) * F);
    const folded = raw.predictAll({ xs, offsets, labels: data.labels });
    let worst = 0;
    for (let i = 0; i < folded.length; i++) worst = Math.max(worst, Math.abs(folded[i] - unfolded[i]));
    expect(worst).toBeLessThan(1e-9);
  });

  it('equals the unfolded network to 1e-6 with float32 weights (predictGru), and onnxruntime to 1e-5', async () => {
    const windows = gatherWindows(data, 0, data.rows, new Float32Array(data.rows * T * F));
    const reference = predictGru(model, windows, data.rows);
    let worst = 0;
    for (let i = 0; i < data.rows; i++) worst = Math.max(worst, Math.abs(reference[i] - unfolded[i]));
    expect(worst).toBeLessThan(1e-6);
    const runner = await OnnxRunner.load(exportGruModel(model), { timeoutMs: 30_000 });
    runners.push(runner);
    expect(runner.rowShape).toEqual([T, F]);
    const ort = await runner.predict(windows, data.rows);
    let ortWorst = 0;
    for (let i = 0; i < data.rows; i++) ortWorst = Math.max(ortWorst, Math.abs(ort[i] - reference[i]));
    expect(ortWorst).toBeLessThanOrEqual(1e-5);
  });

  it('a constant column gets scale 1 and its weights are left as they are', () => {
    const values = Float32Array.from(data.values);
    for (let i = 1; i < values.length; i += F) values[i] = 7;
    const s = fitStandardisation({ ...data, values });
    expect(s.scale[1]).toBe(1);
    expect(s.mean[1]).toBe(7);
    const m = foldedGruModel(net.theta, F, H, T, s);
    const L = gruLayout(F, H);
    for (let j = 0; j < 3 * H; j++) expect(m.W[j * F + 1]).toBe(net.theta[L.W + j * F + 1]);
  });
});
