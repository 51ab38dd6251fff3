// Opens a model for the Predictor: the file from the library, loaded in onnxruntime-node, and refused when it reads
// other features than this build computes — both hashes named, so the trader knows to train it again.
import type { ModelKind } from '../../../../shared/model-manifest';
import { ModelError } from '../../errors';
import { FEATURE_SCHEMA } from '../features';
import { codeFeatureHash } from '../features/hash';
import { OnnxRunner, type RunnerOptions } from '../onnx';
import type { ModelLibrary } from '../model-library';

/** ONNX metadata keys every exported model carries (see train-model.ts). */
export const META = { featureHash: 'quorum.features.hash', kind: 'quorum.model.kind', horizon: 'quorum.label.horizon', name: 'quorum.model.name' } as const;

export interface LoadedModel {
  name: string;
  kind: ModelKind;
  /** Bars ahead the label looks: P(up) is "close `horizon` bars later above this close". */
  horizon: number;
  runner: OnnxRunner;
}

/** A model's input per sample: one feature row [F], or a window of T rows [T, F] (a sequence model: the GRU). */
function readsFeatureRows(rowShape: readonly number[]): boolean {
  return (rowShape.length === 1 || rowShape.length === 2) && rowShape[rowShape.length - 1] === FEATURE_SCHEMA.names.length;
}

/** Checks the model's own metadata against this build's features; closes it and throws when they differ. */
export async function checkModelFeatures(name: string, runner: OnnxRunner): Promise<void> {
  const theirs = runner.metadata[META.featureHash];
  const ours = codeFeatureHash();
  if (theirs === ours && readsFeatureRows(runner.rowShape)) return;
  await runner.close();
  throw new ModelError(
    `Model ${name} was trained on feature schema ${theirs ?? '(none recorded)'} but this version computes ${ours}: train it again with this version`,
    'MODEL_SCHEMA_MISMATCH', { field: 'predictor.model', value: name, modelHash: theirs, codeHash: ours },
  );
}

/** Loads `name` from the library (user models first, then shipped ones). */
export async function openModel(library: ModelLibrary, name: string, options: RunnerOptions = {}): Promise<LoadedModel> {
  const resolved = library.resolve(name);
  const runner = await OnnxRunner.load(resolved.path, options);
  await checkModelFeatures(name, runner);
  return { name, kind: resolved.manifest.kind, horizon: resolved.manifest.label.horizon, runner };
}
