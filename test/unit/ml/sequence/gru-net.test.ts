// The GRU's backpropagation through time equals finite differences of its loss, parameter by parameter.
import { describe, expect, it } from 'vitest';
import { GruNet, type GruInputs } from '../../../../electron/engine/ml/sequence';
import { Prng } from '../../../../electron/engine/ml/train/prng';
import { gaussian } from './synthetic';

function tinyNet(seed: number, shape = { inputSize: 3, hiddenSize: 4, seqLength: 5 }, batch = 6): { net: GruNet; data: GruInputs; idx: Int32Array } {
  const rng = new Prng(seed);
  const net = new GruNet(shape, batch);
  // Larger weights than the trainer starts from, so every gate works away from its linear middle.
  for (let i = 0; i < net.theta.length; i++) net.theta[i] = gaussian(rng) * 0.8;
  const { inputSize: F, seqLength: T } = shape;
  const samples = batch + 2;
  const xs = new Float64Array(samples * T * F);
  for (let i = 0; i < xs.length; i++) xs[i] = gaussian(rng) * 1.5;
  const offsets = Int32Array.from({ length: samples }, (_, s) => s * T * F);
  const labels = Uint8Array.from({ length: samples }, () => (rng.next() < 0.5 ? 1 : 0));
  // A batch of samples out of order, to exercise the index.
  const idx = Int32Array.from([7, 0, 3, 5, 1, 6]);
  return { net, data: { xs, offsets, labels }, idx };
}

describe('GRU gradient', () => {
  it.each([1, 2, 3])('BPTT equals central finite differences for every parameter (seed %i)', (seed) => {
    const { net, data, idx } = tinyNet(seed);
    net.lossAndGradient(data, idx, 0, idx.length);
    const analytic = Float64Array.from(net.grad);
    const eps = 1e-6;
    let worst = 0;
    for (let i = 0; i < net.theta.length; i++) {
      const keep = net.theta[i];
      net.theta[i] = keep + eps;
      const up = net.lossAndGradient(data, idx, 0, idx.length);
      net.theta[i] = keep - eps;
      const down = net.lossAndGradient(data, idx, 0, idx.length);
      net.theta[i] = keep;
      const numeric = (up - down) / (2 * eps);
      const err = Math.abs(numeric - analytic[i]) / Math.max(1e-3, Math.abs(numeric) + Math.abs(analytic[i]));
      worst = Math.max(worst, err);
    }
    expect(worst).toBeLessThan(1e-6);
    // The gradient is not trivially zero anywhere important.
    expect(analytic.reduce((a, g) => a + Math.abs(g), 0)).toBeGreaterThan(0.1);
  });

  it('one window of one step, one unit: the gradient check at its smallest', () => {
    const { net, data } = tinyNet(9, { inputSize: 1, hiddenSize: 1, seqLength: 1 }, 1);
    const idx = Int32Array.of(2);
    net.lossAndGradient(data, idx, 0, 1);
    const analytic = Float64Array.from(net.grad);
    for (let i = 0; i < net.theta.length; i++) {
      const keep = net.theta[i];
      net.theta[i] = keep + 1e-6;
      const up = net.lossAndGradient(data, idx, 0, 1);
      net.theta[i] = keep - 1e-6;
      const down = net.lossAndGradient(data, idx, 0, 1);
      net.theta[i] = keep;
      expect(analytic[i]).toBeCloseTo((up - down) / 2e-6, 7);
    }
  });

  it('the loss is the mean cross-entropy of the forward probabilities', () => {
    const { net, data, idx } = tinyNet(4);
    const loss = net.lossAndGradient(data, idx, 0, idx.length);
    net.forward(data, idx, 0, idx.length);
    let expected = 0;
    for (let b = 0; b < idx.length; b++) expected -= Math.log(data.labels[idx[b]] === 1 ? net.p[b] : 1 - net.p[b]);
    expect(loss).toBeCloseTo(expected / idx.length, 12);
  });
});
