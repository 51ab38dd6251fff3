// One model of a given kind fitted on training rows, with the validation rows for early stopping (GBDT) and for the
// ensemble's weights. Trainer options come as loose `key=value` params; an ensemble's go to a member by prefix
// (gbdt.nEstimators=200, rf.maxDepth=8, logreg.l2=0.01).
import type { ModelKind } from '../../../shared/model-manifest';
import { ConfigError } from '../errors';
import type { TabularModel } from './model';
import {
  fitEnsembleWeights, trainForest, trainGbdt, trainLogistic, type Dataset, type EnsembleMember, type ProgressFn, type TrainControl,
} from './train';

export type TrainerParams = Readonly<Record<string, number | string | boolean>>;

export interface FitControl {
  seed: number;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

/** The kinds trained here; 'gru' (a sequence model) is not among them yet. */
export const TABULAR_KINDS = ['gbdt', 'rf', 'logreg', 'ensemble'] as const satisfies readonly ModelKind[];
export type TabularKind = (typeof TABULAR_KINDS)[number];

export function checkTabularKind(kind: string): TabularKind {
  if ((TABULAR_KINDS as readonly string[]).includes(kind)) return kind as TabularKind;
  const why = kind === 'gru' || kind === 'lstm' ? ' (the sequence model is not trained by this version yet)' : '';
  throw new ConfigError(`--model must be one of ${TABULAR_KINDS.join(', ')}, got ${JSON.stringify(kind)}${why}`, 'CLI_ARGS', { field: 'model', value: kind });
}

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

export async function fitModel(kind: TabularKind, train: Dataset, valid: Dataset, params: TrainerParams, control: FitControl): Promise<TabularModel> {
  if (kind !== 'ensemble') return fitOne(kind, train, valid, paramsFor(params), control);
  // Members train one after another on the same rows; the weights are fitted on the validation window.
  const members: EnsembleMember[] = [];
  for (const [s, member] of MEMBERS.entries()) {
    const onProgress: ProgressFn | undefined = control.onProgress && ((done, total, msg) => control.onProgress?.(s * 1000 + Math.round((1000 * done) / Math.max(1, total)), MEMBERS.length * 1000, `${member}: ${msg}`));
    members.push(await fitOne(member, train, valid, paramsFor(params, member), { seed: control.seed + s, onProgress, signal: control.signal }));
  }
  return fitEnsembleWeights(members, valid).model;
}
