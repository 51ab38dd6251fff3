// One model of a given kind fitted on training rows, with the validation rows for early stopping (GBDT, GRU) and for
// the ensemble's weights. Trainer options come as loose `key=value` params; an ensemble's go to a member by prefix
// (gbdt.nEstimators=200, rf.maxDepth=8, logreg.l2=0.01).
//
// Tabular kinds learn from one feature row per bar (a Dataset); the GRU from the T rows ending at each bar (a
// SequenceDataset pointing into the series' feature matrix). rowsFor / dataFor / predictData pick the right form for a
// kind, so the training pipeline and the walk-forward treat every kind alike.
import type { ModelKind } from '../../../shared/model-manifest';
import { ConfigError, ModelError } from '../errors';
import { predictRows, type TabularModel } from './model';
import type { GruModel } from './onnx';
import { GRU_DEFAULTS, isSequenceDataset, predictSequences, sequenceDatasetOf, sequenceRows, trainGru, type SequenceDataset } from './sequence';
import {
  FOREST_DEFAULTS, GBDT_DEFAULTS, LOGISTIC_DEFAULTS, fitEnsembleWeights, trainForest, trainGbdt, trainLogistic, type Dataset, type EnsembleMember, type ProgressFn, type TrainControl,
} from './train';
import { datasetOf, usableRows, type LabelledSeries } from './training-set';

export type TrainerParams = Readonly<Record<string, number | string | boolean>>;

export interface FitControl {
  seed: number;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

/** The tabular kinds (one feature row per bar). */
export const TABULAR_KINDS = ['gbdt', 'rf', 'logreg', 'ensemble'] as const satisfies readonly ModelKind[];
export type TabularKind = (typeof TABULAR_KINDS)[number];

/** Every kind trained here: the tabular ones and the GRU over the last T rows. */
export const TRAIN_KINDS = [...TABULAR_KINDS, 'gru'] as const satisfies readonly ModelKind[];
export type TrainKind = (typeof TRAIN_KINDS)[number];

export function checkTrainKind(kind: string): TrainKind {
  if ((TRAIN_KINDS as readonly string[]).includes(kind)) return kind as TrainKind;
  throw new ConfigError(`--model must be one of ${TRAIN_KINDS.join(', ')}, got ${JSON.stringify(kind)}`, 'CLI_ARGS', { field: 'model', value: kind });
}

/** Each trainer's own options (the seed has its own flag and field). */
const OPTION_KEYS: Record<Exclude<TrainKind, 'ensemble'>, readonly string[]> = {
  gbdt: Object.keys(GBDT_DEFAULTS).filter((k) => k !== 'seed'),
  rf: Object.keys(FOREST_DEFAULTS).filter((k) => k !== 'seed'),
  logreg: Object.keys(LOGISTIC_DEFAULTS),
  gru: Object.keys(GRU_DEFAULTS).filter((k) => k !== 'seed'),
};

/** The option names the trainer of `kind` takes (an ensemble's by member: gbdt.nEstimators). */
export function trainerOptionKeys(kind: TrainKind): string[] {
  if (kind !== 'ensemble') return [...OPTION_KEYS[kind]];
  return MEMBERS.flatMap((member) => OPTION_KEYS[member].map((k) => `${member}.${k}`));
}

/**
 * The first option of `params` the trainer of `kind` does not take, with why (the seed has its own flag), or
 * undefined; callers name it as their users wrote it (--set key, params.key).
 */
export function unknownTrainerOption(kind: TrainKind, params: TrainerParams): { key: string; why: string } | undefined {
  const known = trainerOptionKeys(kind);
  for (const key of Object.keys(params)) {
    if (key === 'seed' || key.endsWith('.seed')) return { key, why: 'give the seed on its own (--seed, or the seed field)' };
    if (!known.includes(key)) return { key, why: `the ${kind} trainer has no option ${JSON.stringify(key)} (options: ${known.join(', ')})` };
  }
  return undefined;
}

/** Params sorted by key: a manifest comes out the same whatever order they were given in. */
export function sortedParams(params: TrainerParams): TrainerParams {
  return Object.fromEntries(Object.keys(params).sort().map((k) => [k, params[k]]));
}

/** A fitted model of any kind: the tabular forms of model.ts, or the GRU (onnx/sequence.ts). */
export type FittedModel = TabularModel | GruModel;
/** What a kind learns from and is scored on: rows (tabular) or windows of rows (GRU). */
export type ModelData = Dataset | SequenceDataset;

const MEMBERS = ['gbdt', 'rf', 'logreg'] as const;

/** The trainer's own params (no prefix), or an ensemble member's (its prefix removed); a misplaced key is named. */
function paramsFor(params: TrainerParams, member?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    const [head, ...rest] = key.split('.');
    const fits = member === undefined ? rest.length === 0 : MEMBERS.includes(head as never) && rest.length > 0;
    if (!fits) {
      const want = member === undefined ? 'a plain trainer option' : `a member option such as gbdt.${head}`;
      throw new ConfigError(`trainer parameter ${key} does not apply here: expected ${want}`, 'CLI_ARGS', { field: 'param', value: key });
    }
    if (member === undefined || head === member) out[rest.length > 0 ? rest.join('.') : key] = value;
  }
  return out;
}

async function fitOne(kind: Exclude<TabularKind, 'ensemble'>, train: Dataset, valid: Dataset, params: Record<string, unknown>, control: TrainControl): Promise<EnsembleMember> {
  switch (kind) {
    case 'gbdt':
      return (await trainGbdt(train, { ...params, ...control, validation: valid })).model;
    case 'rf':
      return (await trainForest(train, { ...params, ...control })).model;
    case 'logreg':
      return (await trainLogistic(train, { ...params, ...control })).model;
  }
}

/** T of a GRU's params (its default when not given); 1 for the tabular kinds. */
export function windowLength(kind: TrainKind, params: TrainerParams): number {
  if (kind !== 'gru') return 1;
  const t = params.seqLength ?? GRU_DEFAULTS.seqLength;
  if (typeof t !== 'number' || !Number.isInteger(t) || t < 1 || t > 1024) {
    throw new ConfigError(`seqLength must be an integer in [1, 1024], got ${String(t)}`, 'CONFIG_INVALID', { field: 'seqLength', value: t });
  }
  return t;
}

/**
 * Bar indices in [from, to) a model of `kind` learns from or is scored on: complete features and a known label; for the
 * GRU, also the T − 1 rows before complete (its window).
 */
export function rowsFor(kind: TrainKind, ls: LabelledSeries, from: number, to: number, params: TrainerParams): Int32Array {
  return kind === 'gru' ? sequenceRows(ls, from, to, windowLength(kind, params)) : usableRows(ls, from, to);
}

/** The rows (from rowsFor) in the form `kind` learns from. */
export function dataFor(kind: TrainKind, ls: LabelledSeries, rows: Int32Array, params: TrainerParams): ModelData {
  return kind === 'gru' ? sequenceDatasetOf(ls, rows, windowLength(kind, params)) : datasetOf(ls, rows);
}

/** P(up) of every row of `data` by the model's reference prediction (what onnxruntime is checked against). */
export function predictData(model: FittedModel, data: ModelData): Float64Array {
  if (model.kind === 'gru') {
    if (!isSequenceDataset(data)) throw new ModelError('a GRU predicts windows of rows, not single rows', 'MODEL_INVALID', { field: 'data' });
    return predictSequences(model, data);
  }
  if (isSequenceDataset(data)) throw new ModelError(`a ${model.kind} model predicts single rows, not windows`, 'MODEL_INVALID', { field: 'data' });
  return predictRows(model, data.values, data.rows);
}

export function fitModel(kind: TabularKind, train: Dataset, valid: Dataset, params: TrainerParams, control: FitControl): Promise<TabularModel>;
export function fitModel(kind: TrainKind, train: ModelData, valid: ModelData, params: TrainerParams, control: FitControl): Promise<FittedModel>;
export async function fitModel(kind: TrainKind, train: ModelData, valid: ModelData, params: TrainerParams, control: FitControl): Promise<FittedModel> {
  if (kind === 'gru') {
    if (!isSequenceDataset(train) || !isSequenceDataset(valid)) throw new ModelError('the GRU learns from windows of rows (a SequenceDataset)', 'MODEL_INVALID', { field: 'data' });
    return (await trainGru(train, { ...paramsFor(params), ...control, validation: valid })).model;
  }
  if (isSequenceDataset(train) || isSequenceDataset(valid)) throw new ModelError(`a ${kind} model learns from single rows (a Dataset)`, 'MODEL_INVALID', { field: 'data' });
  if (kind !== 'ensemble') return fitOne(kind, train, valid, paramsFor(params), control);
  // Members train one after another on the same rows; the weights are fitted on the validation window.
  const members: EnsembleMember[] = [];
  for (const [s, member] of MEMBERS.entries()) {
    const onProgress: ProgressFn | undefined = control.onProgress && ((done, total, msg) => control.onProgress?.(s * 1000 + Math.round((1000 * done) / Math.max(1, total)), MEMBERS.length * 1000, `${member}: ${msg}`));
    members.push(await fitOne(member, train, valid, paramsFor(params, member), { seed: control.seed + s, onProgress, signal: control.signal }));
  }
  return fitEnsembleWeights(members, valid).model;
}
