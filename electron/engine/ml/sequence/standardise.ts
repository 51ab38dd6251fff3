// Standardisation for the GRU: the trainer learns on x̃ = (x − mean) / scale (training mean, population standard
// deviation), and the exported model reads raw feature rows — the standardisation is folded into the input weights,
// which is exact in real arithmetic because W only ever acts on x:
//   W x̃ + Wb = (W / scale) x + (Wb − W (mean / scale))
// so W'[j, k] = W[j, k] / scale[k] and Wb'[j] = Wb[j] − Σ_k W[j, k] · mean[k] / scale[k]. Nothing else changes.
import type { GruModel } from '../onnx';
import { gruLayout, type GruInputs } from './gru-net';
import type { SequenceDataset } from './dataset';

export interface Standardisation {
  mean: Float64Array;
  scale: Float64Array;
}

/**
 * Mean and population standard deviation of each column over the samples' last rows (each sample's bar: with windows
 * one bar apart, that is every row the windows read but the first T − 1). A constant column gets scale 1.
 */
export function fitStandardisation(d: SequenceDataset): Standardisation {
  const { values, cols, ends } = d;
  const n = ends.length;
  const mean = new Float64Array(cols);
  const scale = new Float64Array(cols).fill(1);
  if (n === 0) return { mean, scale };
  for (let s = 0; s < n; s++) {
    const o = ends[s] * cols;
    for (let j = 0; j < cols; j++) mean[j] += values[o + j];
  }
  for (let j = 0; j < cols; j++) mean[j] /= n;
  const variance = new Float64Array(cols);
  for (let s = 0; s < n; s++) {
    const o = ends[s] * cols;
    for (let j = 0; j < cols; j++) {
      const dv = values[o + j] - mean[j];
      variance[j] += dv * dv;
    }
  }
  for (let j = 0; j < cols; j++) {
    const sd = Math.sqrt(variance[j] / n);
    if (sd > 1e-12 * Math.max(1, Math.abs(mean[j]))) scale[j] = sd;
  }
  return { mean, scale };
}

/**
 * The standardised rows the samples' windows read, as the network's inputs: one float64 copy of the matrix rows
 * from the first window's start to the last sample, and each sample's offset into it.
 */
export function standardisedInputs(d: SequenceDataset, st: Standardisation): GruInputs {
  const { values, cols, ends, seqLength: T } = d;
  const offsets = new Int32Array(ends.length);
  if (ends.length === 0) return { xs: new Float64Array(0), offsets, labels: d.labels };
  const lo = ends[0] - T + 1;
  const hi = ends[ends.length - 1] + 1;
  const xs = new Float64Array((hi - lo) * cols);
  for (let i = lo; i < hi; i++) {
    const src = i * cols;
    const dst = (i - lo) * cols;
    for (let j = 0; j < cols; j++) xs[dst + j] = (values[src + j] - st.mean[j]) / st.scale[j];
  }
  for (let s = 0; s < ends.length; s++) offsets[s] = (ends[s] - T + 1 - lo) * cols;
  return { xs, offsets, labels: d.labels };
}

/** The exported model for parameters `theta` learned on standardised inputs: the standardisation folded into W, Wb. */
export function foldedGruModel(theta: Float64Array, F: number, H: number, T: number, st: Standardisation): GruModel {
  const L = gruLayout(F, H);
  const W = new Float64Array(3 * H * F);
  const B = new Float64Array(6 * H);
  for (let j = 0; j < 3 * H; j++) {
    let shift = 0;
    for (let k = 0; k < F; k++) {
      const w = theta[L.W + j * F + k];
      W[j * F + k] = w / st.scale[k];
      shift += (w * st.mean[k]) / st.scale[k];
    }
    B[j] = theta[L.Wb + j] - shift;
    B[3 * H + j] = theta[L.Rb + j];
  }
  return {
    kind: 'gru',
    inputSize: F,
    hiddenSize: H,
    seqLength: T,
    W,
    R: theta.slice(L.R, L.R + 3 * H * H),
    B,
    linearBeforeReset: true,
    denseWeights: theta.slice(L.dense, L.dense + H),
    denseBias: theta[L.denseBias],
  };
}
