// The GRU trainer (issue 12, point 3): a small recurrent model over the last T feature rows → onnx/sequence.ts GruModel.
//
// Method: inputs standardised with the training windows' mean and standard deviation (folded into the exported input
// weights: standardise.ts); weights initialised as PyTorch's GRU does (uniform ±1/√H), the output bias at the
// training prior's log-odds; mini-batches drawn by a seeded shuffle each epoch; gradients by backpropagation through
// the whole window (gru-net.ts), clipped to a global norm; Adam, with decoupled weight decay on the weight matrices
// (AdamW) when asked. The validation log-loss is measured after every epoch; training stops `patience` epochs after
// the best one and the model keeps the best epoch's weights. One seeded Prng draws everything, the arithmetic is in a
// fixed order: the same data and seed give the same weights, bit for bit, and so the same ONNX bytes.
//
// Our own trainer rather than @tensorflow/tfjs (its pure-JS CPU backend; tfjs-node does not install here): the network
// is one layer, its gradient ~100 lines checked against finite differences, and owning the arithmetic makes the
// bit-for-bit determinism a property of the code instead of a library's. Cost per window and epoch is about
// T·H·(6F + 9H) multiply-adds; on FIL/USDT 1m (August 2023: 31.6k training windows, T = 32, H = 16) a half-epoch
// takes 7–10 s on the 2-core machine and the whole `trainModel` (features, 5 half-epochs, export check) under a minute.
import { ConfigError, DataError } from '../../errors';
import type { GruModel } from '../onnx';
import { checkKeys, checkOption, Ticker, weightedPrior, type TrainControl } from '../train/common';
import { Prng } from '../train/prng';
import { checkSequenceDataset, type SequenceDataset } from './dataset';
import { GruNet, type GruInputs } from './gru-net';
import { fitStandardisation, foldedGruModel, standardisedInputs, type Standardisation } from './standardise';

export interface GruOptions extends TrainControl {
  /** Samples for early stopping (windows of the same length); without it every epoch runs and the last is kept. */
  validation?: SequenceDataset;
  /** H: hidden units (default 16). */
  hiddenSize?: number;
  /** T: rows per window (default 32); the datasets' windows must be this long. */
  seqLength?: number;
  /** Epochs at most (default 10). */
  maxEpochs?: number;
  /** Stop this many epochs after the best validation loss (default 2). */
  patience?: number;
  /** Samples per mini-batch (default 128). */
  batchSize?: number;
  /** Adam's step size (default 0.001). */
  learningRate?: number;
  /** Decoupled weight decay per step on W, R and the dense weights, as a multiple of the step size (default 0.01). */
  weightDecay?: number;
  /** Gradients are scaled down to this global L2 norm when longer; 0 = never (default 1). */
  clipNorm?: number;
  /**
   * Share of the training samples drawn for each epoch (default 0.5): with windows one bar apart, neighbouring samples
   * are nearly the same, so half of them learn about as much as all of them, and the validation loss is watched twice
   * as often (on FIL/USDT 1m the best epoch comes after one to three passes over the data).
   */
  epochFraction?: number;
}

export const GRU_DEFAULTS = {
  hiddenSize: 16,
  seqLength: 32,
  maxEpochs: 10,
  patience: 2,
  batchSize: 128,
  learningRate: 0.001,
  weightDecay: 0.01,
  clipNorm: 1,
  epochFraction: 0.5,
  seed: 1,
} as const;

export interface GruEpoch {
  epoch: number;
  /** Mean training loss over the epoch's mini-batches (as they were trained). */
  trainLoss: number;
  /** Validation log-loss after the epoch (NaN without validation). */
  validLoss: number;
}

export interface GruResult {
  /** The exported form: standardisation folded into W and the input biases. */
  model: GruModel;
  /** The best epoch's parameters on standardised inputs (gru-net.ts layout), and the standardisation. */
  theta: Float64Array;
  standardisation: Standardisation;
  /** 1-based epoch whose weights were kept (the last one without validation). */
  bestEpoch: number;
  history: GruEpoch[];
  /** The kept model's P(up) for each validation sample as the trainer computed it (empty without validation). */
  validPredictions: Float64Array;
}

const ADAM_B1 = 0.9;
const ADAM_B2 = 0.999;
const ADAM_EPS = 1e-8;

export async function trainGru(data: SequenceDataset, options: GruOptions = {}): Promise<GruResult> {
  checkKeys('GRU', options, [...Object.keys(GRU_DEFAULTS), 'validation']);
  const o = { ...GRU_DEFAULTS, ...options };
  checkOption('hiddenSize', o.hiddenSize, 1, 256, true);
  checkOption('seqLength', o.seqLength, 1, 1024, true);
  checkOption('maxEpochs', o.maxEpochs, 1, 10_000, true);
  checkOption('patience', o.patience, 1, 10_000, true);
  checkOption('batchSize', o.batchSize, 1, 65_536, true);
  checkOption('learningRate', o.learningRate, 0, 1);
  checkOption('weightDecay', o.weightDecay, 0, 100);
  checkOption('clipNorm', o.clipNorm, 0, Infinity);
  checkOption('epochFraction', o.epochFraction, 1e-6, 1);
  const valid = options.validation;
  for (const [what, d] of [['training data', data], ['validation data', valid]] as const) {
    if (!d) continue;
    if (d.seqLength !== o.seqLength) throw new ConfigError(`${what} has windows of ${d.seqLength} rows, the GRU's seqLength is ${o.seqLength}`, 'CONFIG_INVALID', { field: 'seqLength', value: d.seqLength });
    if (d.cols !== data.cols) throw new DataError(`${what} has ${d.cols} columns, training data ${data.cols}`, 'DATA_INVALID');
    checkSequenceDataset(d, what);
  }
  const { pos, total } = weightedPrior(data.labels);
  if (!(pos > 0 && pos < total)) throw new DataError('The GRU needs both up and down labels to learn from', 'DATA_INVALID');
  const ticker = new Ticker(o);
  ticker.checkAborted();

  const F = data.cols;
  const H = o.hiddenSize;
  const T = o.seqLength;
  const st = fitStandardisation(data);
  const trainIn = standardisedInputs(data, st);
  const validIn: GruInputs | undefined = valid && valid.rows > 0 ? standardisedInputs(valid, st) : undefined;
  const batch = Math.min(o.batchSize, data.rows);
  const net = new GruNet({ inputSize: F, hiddenSize: H, seqLength: T }, batch);
  const { theta, grad, layout: L } = net;
  const prng = new Prng(o.seed);
  const bound = 1 / Math.sqrt(H);
  for (let i = 0; i < L.size; i++) theta[i] = (2 * prng.next() - 1) * bound;
  theta[L.denseBias] = Math.log(pos / (total - pos));

  const m = new Float64Array(L.size);
  const v = new Float64Array(L.size);
  const best = Float64Array.from(theta);
  const order = new Int32Array(data.rows);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const perEpoch = Math.max(1, Math.round(data.rows * o.epochFraction));
  const batches = Math.ceil(perEpoch / batch);
  const history: GruEpoch[] = [];
  let bestLoss = Number.POSITIVE_INFINITY;
  let bestEpoch = 0;
  let step = 0;
  for (let epoch = 1; epoch <= o.maxEpochs; epoch++) {
    // Fisher–Yates: the first perEpoch entries are a uniform draw without replacement.
    for (let i = order.length - 1; i > 0; i--) {
      const j = prng.int(i + 1);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    let lossSum = 0;
    for (let b = 0; b < batches; b++) {
      const from = b * batch;
      const count = Math.min(batch, perEpoch - from);
      lossSum += net.lossAndGradient(trainIn, order, from, count) * count;
      step++;
      adamStep(theta, grad, m, v, step, o, L.Wb, L.dense, H);
      const message = o.onProgress ? `epoch ${epoch}/${o.maxEpochs}, batch ${b + 1}/${batches}: training loss ${(lossSum / (from + count)).toFixed(5)}` : '';
      await ticker.step((epoch - 1) * batches + b + 1, o.maxEpochs * batches, message);
    }
    const validLoss = validIn ? net.meanLoss(validIn) : Number.NaN;
    history.push({ epoch, trainLoss: lossSum / perEpoch, validLoss });
    if (!validIn || validLoss < bestLoss) {
      bestLoss = validLoss;
      bestEpoch = epoch;
      best.set(theta);
    }
    await ticker.step(epoch * batches, o.maxEpochs * batches, `epoch ${epoch}/${o.maxEpochs}: training loss ${(lossSum / perEpoch).toFixed(5)}${validIn ? `, validation loss ${validLoss.toFixed(5)} (best epoch ${bestEpoch})` : ''}`);
    if (validIn && epoch - bestEpoch >= o.patience) break;
  }
  theta.set(best);
  const validPredictions = validIn ? net.predictAll(validIn) : new Float64Array(0);
  return { model: foldedGruModel(best, F, H, T, st), theta: best, standardisation: st, bestEpoch, history, validPredictions };
}

/**
 * One Adam step on every parameter (bias-corrected); weight decay (decoupled, AdamW) on the weights in [0, wEnd) —
 * W and R — and [dFrom, dFrom + dCount) — the dense weights — not on the biases. The gradient is first clipped to
 * `clipNorm`.
 */
function adamStep(
  theta: Float64Array, grad: Float64Array, m: Float64Array, v: Float64Array, step: number,
  o: { learningRate: number; weightDecay: number; clipNorm: number }, wEnd: number, dFrom: number, dCount: number,
): void {
  let norm2 = 0;
  for (let i = 0; i < grad.length; i++) norm2 += grad[i] * grad[i];
  const norm = Math.sqrt(norm2);
  const clip = o.clipNorm > 0 && norm > o.clipNorm ? o.clipNorm / norm : 1;
  const lr = o.learningRate;
  const stepSize = (lr * Math.sqrt(1 - ADAM_B2 ** step)) / (1 - ADAM_B1 ** step);
  const decay = lr * o.weightDecay;
  for (let i = 0; i < theta.length; i++) {
    const g = grad[i] * clip;
    m[i] = ADAM_B1 * m[i] + (1 - ADAM_B1) * g;
    v[i] = ADAM_B2 * v[i] + (1 - ADAM_B2) * g * g;
    if (decay > 0 && (i < wEnd || (i >= dFrom && i < dFrom + dCount))) theta[i] -= decay * theta[i];
    theta[i] -= (stepSize * m[i]) / (Math.sqrt(v[i]) + ADAM_EPS);
  }
}
