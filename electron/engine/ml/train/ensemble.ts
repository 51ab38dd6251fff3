// Ensemble of trained models → model.ts EnsembleModel: P(up) = Σ weight_m · P_m(up), weights ≥ 0 summing to 1.
//
// Choice (the issue allows a weighted average or stacking): a weighted average, its weights chosen by minimising
// the validation log-loss over a simplex grid (every w with w_m = k_m · step, Σ w_m = 1). Stacking a logistic
// regression on out-of-fold predictions would give σ(a + Σ b_m · logit p_m), which is not the weighted average the
// EnsembleModel (and its ONNX combination step) computes, and honest out-of-fold predictions on a time series need
// a walk-forward refit of every member per fold — several times the training cost. The mixture's log-loss is convex
// in the weights, so the grid's best point lies within one grid step of the optimum; ties keep the first point in
// enumeration order (the first member's weight highest), so the result is deterministic. Members weighted 0 are
// left out of the model.
//
// No npm library is involved: this is a small search over predictions the members already give (model.ts
// predictRows).
//
// trainEnsemble is the convenience path: the validation window is cut from the END of the data (time series), the
// members are trained on the rows before it (the GBDT early-stops on the same window), then the weights are fitted
// on the window. Because the window serves both, its log-loss is an optimistic estimate: judge the ensemble
// walk-forward on later data, like any model.

import { predictRows, type EnsembleModel, type LinearModel, type TreeEnsemble } from '../model';
import { ConfigError, DataError } from '../../errors';
import { checkDataset, checkKeys, checkOption, logLoss, resolveValidation, Ticker, type Dataset, type ProgressFn, type TrainControl } from './common';
import { trainForest, type ForestOptions } from './forest';
import { trainGbdt, type GbdtOptions } from './gbdt';
import { trainLogistic, type LogisticOptions } from './logistic';

export type EnsembleMember = TreeEnsemble | LinearModel;

export interface EnsembleWeightOptions {
  /** Grid step; 1/step must be an integer (default 0.05). */
  step?: number;
}

export interface EnsembleWeightResult {
  model: EnsembleModel;
  /** One weight per member given (0 for those left out of the model). */
  weights: number[];
  /** Validation log-loss of the weighted average, and of each member alone. */
  validLoss: number;
  memberLoss: number[];
}

/** Chooses the weights of `members` on `validation` (see the header). */
export function fitEnsembleWeights(members: EnsembleMember[], validation: Dataset, options: EnsembleWeightOptions = {}): EnsembleWeightResult {
  checkKeys('fitEnsembleWeights', options, ['step']);
  const step = options.step ?? 0.05;
  checkOption('step', step, 1e-3, 1);
  const k = Math.round(1 / step);
  if (Math.abs(k * step - 1) > 1e-9) throw new ConfigError(`1/step must be an integer, got step ${step}`, 'CONFIG_INVALID', { field: 'step', value: step });
  if (members.length === 0) throw new ConfigError('An ensemble needs at least one member', 'CONFIG_INVALID');
  checkDataset(validation, 'validation data');
  const cols = validation.cols;
  for (const m of members) {
    if (m.nFeatures !== cols) throw new DataError(`A member expects ${m.nFeatures} features, the validation data has ${cols}`, 'DATA_INVALID');
  }
  const nm = members.length;
  const nv = validation.rows;
  if (nv === 0) throw new DataError('Ensemble weights need validation rows', 'DATA_INVALID');
  const combos = binomial(k + nm - 1, nm - 1);
  if (combos * nv * nm > 4e9) {
    throw new ConfigError(`The weight grid (${combos} points × ${nv} rows) is too large: use a coarser step or fewer members`, 'CONFIG_INVALID', { field: 'step', value: step });
  }
  const preds = members.map((m) => predictRows(m, validation.values, nv));
  const memberLoss = preds.map((p) => logLoss(p, validation.labels, validation.weights));
  // q[m][i] = the probability member m gives the row's actual label.
  const q = preds.map((p) => {
    const out = new Float64Array(nv);
    for (let i = 0; i < nv; i++) out[i] = validation.labels[i] === 1 ? p[i] : 1 - p[i];
    return out;
  });
  const sw = validation.weights;
  let wTotal = 0;
  for (let i = 0; i < nv; i++) wTotal += sw ? sw[i] : 1;

  const counts = new Int32Array(nm);
  const best = new Int32Array(nm);
  let bestLoss = Infinity;
  const mix = new Float64Array(nv);
  const visit = (m: number, left: number): void => {
    if (m === nm - 1) {
      counts[m] = left;
      mix.fill(0);
      for (let j = 0; j < nm; j++) {
        if (counts[j] === 0) continue;
        const wj = counts[j] / k;
        const qj = q[j];
        for (let i = 0; i < nv; i++) mix[i] += wj * qj[i];
      }
      let s = 0;
      for (let i = 0; i < nv; i++) s -= (sw ? sw[i] : 1) * Math.log(Math.min(1, Math.max(1e-15, mix[i])));
      const loss = s / wTotal;
      if (loss < bestLoss) {
        bestLoss = loss;
        best.set(counts);
      }
      return;
    }
    for (let c = left; c >= 0; c--) {
      counts[m] = c;
      visit(m + 1, left - c);
    }
  };
  visit(0, k);

  const weights = Array.from(best, (c) => c / k);
  const model: EnsembleModel = { kind: 'ensemble', nFeatures: cols, members: [] };
  for (let j = 0; j < nm; j++) if (weights[j] > 0) model.members.push({ weight: weights[j], model: members[j] });
  return { model, weights, validLoss: bestLoss, memberLoss };
}

function binomial(n: number, r: number): number {
  let c = 1;
  for (let i = 1; i <= r; i++) c = (c * (n - r + i)) / i;
  return Math.round(c);
}

export type EnsembleMemberKind = 'gbdt' | 'forest' | 'logistic';

export interface EnsembleOptions extends TrainControl {
  /** Members to train (default all three). */
  members?: EnsembleMemberKind[];
  /** Validation window taken from the end of the data (default 0.2). */
  validationFraction?: number;
  /** Rows dropped between training and validation (the label horizon; default 0). */
  embargo?: number;
  /** Options for the members (their seed, progress and signal come from here). */
  gbdt?: Omit<GbdtOptions, keyof TrainControl | 'validation' | 'validationFraction' | 'embargo'>;
  forest?: Omit<ForestOptions, keyof TrainControl>;
  logistic?: Omit<LogisticOptions, keyof TrainControl>;
  /** Weight grid step (default 0.05). */
  step?: number;
}

export interface EnsembleResult extends EnsembleWeightResult {
  /** The members in the order trained, with their kinds (all of them, including those weighted 0). */
  trained: Array<{ kind: EnsembleMemberKind; model: EnsembleMember; weight: number; validLoss: number }>;
}

/** Trains the members on the rows before the validation window and weights them on it (see the header). */
export async function trainEnsemble(data: Dataset, options: EnsembleOptions = {}): Promise<EnsembleResult> {
  checkKeys('Ensemble', options, ['members', 'validationFraction', 'embargo', 'gbdt', 'forest', 'logistic', 'step']);
  const kinds = options.members ?? ['gbdt', 'forest', 'logistic'];
  if (kinds.length === 0 || new Set(kinds).size !== kinds.length) throw new ConfigError('members must list distinct member kinds', 'CONFIG_INVALID', { field: 'members' });
  checkDataset(data);
  const { train, valid } = resolveValidation(data, { validationFraction: options.validationFraction ?? 0.2, embargo: options.embargo });
  if (!valid) throw new ConfigError('trainEnsemble needs a validation window (validationFraction > 0)', 'CONFIG_INVALID', { field: 'validationFraction' });
  const seed = options.seed ?? 1;
  const stages = kinds.length;
  const outer = new Ticker(options);
  const stageProgress = (stage: number, kind: string): ProgressFn | undefined =>
    options.onProgress ? (done, total, message) => options.onProgress?.(stage * 1000 + Math.round((1000 * done) / Math.max(1, total)), stages * 1000, `${kind}: ${message}`) : undefined;
  const models: EnsembleMember[] = [];
  for (let s = 0; s < stages; s++) {
    outer.checkAborted();
    const control: TrainControl = { seed: seed + s, onProgress: stageProgress(s, kinds[s]), signal: options.signal };
    switch (kinds[s]) {
      case 'gbdt':
        models.push((await trainGbdt(train, { ...options.gbdt, ...control, validation: valid })).model);
        break;
      case 'forest':
        models.push((await trainForest(train, { ...options.forest, ...control })).model);
        break;
      case 'logistic':
        models.push((await trainLogistic(train, { ...options.logistic, ...control })).model);
        break;
      default:
        throw new ConfigError(`Unknown ensemble member ${String(kinds[s])}`, 'CONFIG_INVALID', { field: 'members' });
    }
  }
  outer.checkAborted();
  const fit = fitEnsembleWeights(models, valid, { step: options.step });
  return { ...fit, trained: kinds.map((kind, i) => ({ kind, model: models[i], weight: fit.weights[i], validLoss: fit.memberLoss[i] })) };
}
