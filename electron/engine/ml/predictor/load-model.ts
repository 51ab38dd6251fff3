// Opens a model for the Predictor: the file from the library, loaded in onnxruntime-node, and refused when it reads
// other features than this build computes — both hashes named, so the trader knows to train it again.
import type { FeatureInput, ModelKind } from '../../../../shared/model-manifest';
import { ModelError } from '../../errors';
import { expectedFeatures, inputsMismatch, type ExpectedFeatures } from '../features/hash';
import { OnnxRunner, type RunnerOptions } from '../onnx';
import type { ModelLibrary } from '../model-library';

/** ONNX metadata keys every exported model carries (see train-model.ts). */
export const META = {
  featureHash: 'quorum.features.hash',
  kind: 'quorum.model.kind',
  horizon: 'quorum.label.horizon',
  name: 'quorum.model.name',
  /** Only on models that read kline inputs beyond OHLCV: their names, comma-separated. */
  inputs: 'quorum.features.inputs',
} as const;

export interface LoadedModel {
  name: string;
  kind: ModelKind;
  /** Bars ahead the label looks: P(up) is "close `horizon` bars later above this close". */
  horizon: number;
  runner: OnnxRunner;
}

/** A model's input per sample: one feature row [F], or a window of T rows [T, F] (a sequence model: the GRU). */
function readsFeatureRows(rowShape: readonly number[], cols: number): boolean {
  return (rowShape.length === 1 || rowShape.length === 2) && rowShape[rowShape.length - 1] === cols;
}

/**
 * Checks the model's own metadata against the features this caller computes (candles only, unless it feeds kline
 * inputs); closes it and throws when they differ, saying why: other inputs, or another version's schema.
 */
export async function checkModelFeatures(name: string, runner: OnnxRunner, ours: ExpectedFeatures = expectedFeatures()): Promise<void> {
  const theirs = runner.metadata[META.featureHash];
  if (theirs === ours.hash && readsFeatureRows(runner.rowShape, ours.cols)) return;
  await runner.close();
  const inputs = runner.metadata[META.inputs];
  const why = inputsMismatch(inputs ? (inputs.split(',') as FeatureInput[]) : [], ours) ?? 'train it again with this version';
  throw new ModelError(`Model ${name} was trained on feature schema ${theirs ?? '(none recorded)'} but this computes ${ours.hash}: ${why}`, 'MODEL_SCHEMA_MISMATCH', {
    field: 'predictor.model',
    value: name,
    modelHash: theirs,
    codeHash: ours.hash,
  });
}

/** Loads `name` from the library (user models first, then shipped ones), for a caller computing `features`. */
export async function openModel(library: ModelLibrary, name: string, options: RunnerOptions = {}, features?: ExpectedFeatures): Promise<LoadedModel> {
  const resolved = library.resolve(name);
  const runner = await OnnxRunner.load(resolved.path, options);
  await checkModelFeatures(name, runner, features);
  return { name, kind: resolved.manifest.kind, horizon: resolved.manifest.label.horizon, runner };
}
