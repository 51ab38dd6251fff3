// A small sequence model for ONNX: one forward GRU layer (ONNX's own GRU operator) over a window of feature rows, then
// a dense layer and a sigmoid on the last hidden state → p_up. The weights come from a trainer elsewhere; this file
// writes the graph and holds the TypeScript reference forward pass the ONNX Runtime output is checked against.
//
// Input `features` is [N, T, F], batch first: each sample's window is one contiguous run of T·F floats, rows oldest
// first, as the engine's row-major feature matrices are laid out. ONNX's GRU reads [T, N, F] (layout 0); its layout 1
// (batch first) is not implemented by onnxruntime's CPU GRU (measured: 1.30 refuses it), so the graph starts with a
// Transpose to [T, N, F].
//
// Weights are in ONNX's layout for one direction, gates in ONNX's order z (update), r (reset), h (candidate):
//   W [3H, F] = [Wz; Wr; Wh], R [3H, H] = [Rz; Rr; Rh], B [6H] = [Wbz, Wbr, Wbh, Rbz, Rbr, Rbh].
// (PyTorch's nn.GRU stores gates r, z, n: reorder its blocks to z, r, n and set linearBeforeReset, which is what PyTorch
// computes.) With H_0 = 0, for t = 1..T:
//   z = σ(x Wzᵀ + h Rzᵀ + Wbz + Rbz)
//   r = σ(x Wrᵀ + h Rrᵀ + Wbr + Rbr)
//   ĥ = tanh(x Whᵀ + (r ⊙ h) Rhᵀ + Rbh + Wbh)             linearBeforeReset = false (ONNX's default)
//   ĥ = tanh(x Whᵀ + r ⊙ (h Rhᵀ + Rbh) + Wbh)             linearBeforeReset = true (PyTorch)
//   h = (1 − z) ⊙ ĥ + z ⊙ h
// p_up = σ(denseBias + Σ denseWeights[k] · h_T[k]).

import { ModelError } from '../../errors';
import { sigmoid } from '../model';
import { attr, floatTensor, GraphBuilder, int64Tensor, tensorInfo } from './graph';
import { BATCH_DIM, checkFeatureCount, INPUT_NAME, modelOptions, OUTPUT_NAME, type ExportOptions } from './export';
import { DataType } from './proto';

export interface GruModel {
  kind: 'gru';
  /** F: features per time step. */
  inputSize: number;
  /** H: hidden units. */
  hiddenSize: number;
  /** T: time steps per sample (the window length). */
  seqLength: number;
  /** [3H, F] row-major, gates z, r, h. */
  W: ArrayLike<number>;
  /** [3H, H] row-major, gates z, r, h. */
  R: ArrayLike<number>;
  /** [6H]: input biases z, r, h then recurrent biases z, r, h. */
  B: ArrayLike<number>;
  /** ONNX's linear_before_reset: false is ONNX's default, true is PyTorch's GRU. */
  linearBeforeReset: boolean;
  /** [H]: the output layer on the last hidden state. */
  denseWeights: ArrayLike<number>;
  denseBias: number;
}

function checkGru(model: GruModel): void {
  const { inputSize: F, hiddenSize: H, seqLength: T } = model;
  checkFeatureCount(F, 'inputSize');
  checkFeatureCount(H, 'hiddenSize');
  checkFeatureCount(T, 'seqLength');
  const sizes: Array<[string, ArrayLike<number>, number]> = [
    ['W', model.W, 3 * H * F],
    ['R', model.R, 3 * H * H],
    ['B', model.B, 6 * H],
    ['denseWeights', model.denseWeights, H],
  ];
  for (const [field, arr, expected] of sizes) {
    if (arr.length !== expected) throw new ModelError(`${field} has ${arr.length} entries, expected ${expected}`, 'MODEL_INVALID', { field, value: arr.length, expected });
    for (let i = 0; i < arr.length; i++) {
      if (!Number.isFinite(arr[i])) throw new ModelError(`${field}[${i}] is not a finite number`, 'MODEL_INVALID', { field: `${field}[${i}]`, value: arr[i] });
    }
  }
  if (!Number.isFinite(model.denseBias)) throw new ModelError('denseBias is not a finite number', 'MODEL_INVALID', { field: 'denseBias', value: model.denseBias });
}

/** ONNX bytes for a GRU model: input `features` [N, T, F] float, output `p_up` [N] float. Deterministic. */
export function exportGruModel(model: GruModel, options: ExportOptions = {}): Uint8Array {
  checkGru(model);
  const { inputSize: F, hiddenSize: H, seqLength: T } = model;
  const g = new GraphBuilder('quorum_gru');
  const x = g.input(tensorInfo(INPUT_NAME, DataType.FLOAT, [BATCH_DIM, T, F], 'windows of T feature rows (oldest first), float32'));
  const W = g.constant(floatTensor('gru_W', [1, 3 * H, F], model.W));
  const R = g.constant(floatTensor('gru_R', [1, 3 * H, H], model.R));
  const B = g.constant(floatTensor('gru_B', [1, 6 * H], model.B));
  const [timeMajor] = g.node('Transpose', [x], ['time_major'], { perm: attr.ints([1, 0, 2]) });
  const [, hLast] = g.node('GRU', [timeMajor, W, R, B], ['', 'gru_h_last'], {
    hidden_size: attr.int(H),
    direction: attr.string('forward'),
    linear_before_reset: attr.int(model.linearBeforeReset ? 1 : 0),
  });
  const axis0 = g.constant(int64Tensor('axis0', [1], [0]));
  const [h] = g.node('Squeeze', [hLast, axis0], ['h_last']);
  const dense = g.constant(floatTensor('dense_weights', [H], model.denseWeights));
  const bias = g.constant(floatTensor('dense_bias', [], [model.denseBias]));
  const [dot] = g.node('MatMul', [h, dense], ['dense_dot']);
  const [z] = g.node('Add', [dot, bias], ['dense_z']);
  const [p] = g.node('Sigmoid', [z], ['gru_p']);
  g.node('Identity', [p], [OUTPUT_NAME], {}, { exact: true });
  g.output(tensorInfo(OUTPUT_NAME, DataType.FLOAT, [BATCH_DIM], 'P(up) = P(class 1) per sample'));
  return g.toBytes(modelOptions(options, `GRU (H=${H}, T=${T}, F=${F}${model.linearBeforeReset ? ', linear_before_reset' : ''}) + dense + sigmoid → p_up`));
}

/**
 * The reference forward pass: p_up for each of `rows` samples of a row-major [rows, T, F] array. Inputs and weights are
 * rounded to float32 first (what the ONNX graph holds); the arithmetic is double.
 */
export function predictGru(model: GruModel, values: ArrayLike<number>, rows: number): Float64Array {
  checkGru(model);
  const { inputSize: F, hiddenSize: H, seqLength: T } = model;
  if (values.length !== rows * T * F) {
    throw new ModelError(`expected ${rows}×${T}×${F} = ${rows * T * F} values, got ${values.length}`, 'MODEL_FEATURE_COUNT', { field: 'values', value: values.length, expected: rows * T * F });
  }
  const W = Float64Array.from(model.W, Math.fround);
  const R = Float64Array.from(model.R, Math.fround);
  const B = Float64Array.from(model.B, Math.fround);
  const dense = Float64Array.from(model.denseWeights, Math.fround);
  const denseBias = Math.fround(model.denseBias);
  const out = new Float64Array(rows);
  const h = new Float64Array(H);
  const next = new Float64Array(H);
  const x = new Float64Array(F);
  const rh = new Float64Array(H);
  const r = new Float64Array(H);
  const zGate = new Float64Array(H);
  // Row j of a [3H, cols] matrix block g (0 = z, 1 = r, 2 = h) dotted with v.
  const dot = (M: Float64Array, cols: number, gate: number, j: number, v: Float64Array): number => {
    let s = 0;
    const base = (gate * H + j) * cols;
    for (let k = 0; k < cols; k++) s += M[base + k] * v[k];
    return s;
  };
  for (let n = 0; n < rows; n++) {
    h.fill(0);
    for (let t = 0; t < T; t++) {
      const off = (n * T + t) * F;
      for (let k = 0; k < F; k++) x[k] = Math.fround(values[off + k]);
      for (let j = 0; j < H; j++) {
        zGate[j] = sigmoid(dot(W, F, 0, j, x) + dot(R, H, 0, j, h) + B[j] + B[3 * H + j]);
        r[j] = sigmoid(dot(W, F, 1, j, x) + dot(R, H, 1, j, h) + B[H + j] + B[4 * H + j]);
      }
      for (let j = 0; j < H; j++) rh[j] = r[j] * h[j];
      for (let j = 0; j < H; j++) {
        const recurrent = model.linearBeforeReset ? r[j] * (dot(R, H, 2, j, h) + B[5 * H + j]) : dot(R, H, 2, j, rh) + B[5 * H + j];
        const candidate = Math.tanh(dot(W, F, 2, j, x) + B[2 * H + j] + recurrent);
        next[j] = (1 - zGate[j]) * candidate + zGate[j] * h[j];
      }
      h.set(next);
    }
    let zOut = denseBias;
    for (let k = 0; k < H; k++) zOut += dense[k] * h[k];
    out[n] = sigmoid(zOut);
  }
  return out;
}
