// Writes the trained tabular models of ../model.ts as ONNX graphs whose one output, `p_up` [N] float, is P(class 1) for
// each row of the one input, `features` [N, nFeatures] float. The reference each must match is predictRows (model.ts).
//
// TreeEnsemble → ai.onnx.ml TreeEnsembleClassifier (opset 3), BRANCH_LEQ, classlabels_int64s [0, 1], every leaf's
// weight on class id 0 alone (the "one score" binary form). What onnxruntime 1.30 does with that form (measured, see
// test/unit/ml/onnx/tree-classifier-binary.test.ts): with one class id it treats the summed score s (+ base_values[0]
// when base_values has one entry) as the positive class's score and writes probabilities [N, 2] =
//   post_transform LOGISTIC: [σ(−s), σ(s)];   post_transform NONE: [1 − s, s] when every weight is ≥ 0, else [−s, s];
// so column 1 is P(class 1) in every case, and a Gather of column 1 gives p_up. The label output is not used: with
// all-positive weights onnxruntime picks it by s > 0.5 even after LOGISTIC. Other forms are wrong or quirky there:
// base_values with two entries drops the tree scores from column 1, and weights on class id 1 alone ignore a single
// base value. ZipMap is never used.
//   'sum-logistic' → weights = leaf values, base_values [base], post_transform LOGISTIC;
//   'mean'         → weights = leaf value / tree count, post_transform NONE (the classifier only sums).
// LinearModel → Cast to double, Sub mean, Div scale, MatMul weights, Add bias, Sigmoid, Cast to float: computed in
// double like the reference, so large feature means do not lose float32 digits.
// EnsembleModel → every member's subgraph on the same input, each p (as double) Mul its weight, Sum, Cast to float.

import { ModelError } from '../../errors';
import { APP_VERSION } from '../../version';
import type { EnsembleModel, LinearModel, TabularModel, Tree, TreeEnsemble } from '../model';
import { attr, doubleTensor, GraphBuilder, int64Tensor, ML_DOMAIN, tensorInfo, type ModelOptions } from './graph';
import { DataType } from './proto';

export const INPUT_NAME = 'features';
export const OUTPUT_NAME = 'p_up';
export const BATCH_DIM = 'N';

export interface ExportOptions {
  /** ModelProto.metadata_props (feature schema hash, model kind, version, …); written sorted by key. */
  metadata?: Readonly<Record<string, string>>;
  /** ModelProto.doc_string; a one-line description of the model is written when absent. */
  docString?: string;
  /** ModelProto.model_version, when the caller keeps one. */
  modelVersion?: number;
}

/** ONNX bytes for a tabular model; equal models and options give identical bytes. */
export function exportTabularModel(model: TabularModel, options: ExportOptions = {}): Uint8Array {
  checkFeatureCount(model.nFeatures, 'nFeatures');
  const g = new GraphBuilder(`quorum_${model.kind}`);
  const x = g.input(tensorInfo(INPUT_NAME, DataType.FLOAT, [BATCH_DIM, model.nFeatures], 'feature rows, float32'));
  let out: string;
  switch (model.kind) {
    case 'trees':
      out = treesSubgraph(g, x, model, 'trees', '');
      break;
    case 'linear':
      out = floatOf(g, linearSubgraph(g, x, model, 'linear', ''));
      break;
    case 'ensemble':
      out = ensembleSubgraph(g, x, model);
      break;
    default:
      throw new ModelError(`unknown model kind ${String((model as { kind?: unknown }).kind)}`, 'MODEL_INVALID', { field: 'kind', value: (model as { kind?: unknown }).kind });
  }
  g.node('Identity', [out], [OUTPUT_NAME], {}, { exact: true });
  g.output(tensorInfo(OUTPUT_NAME, DataType.FLOAT, [BATCH_DIM], 'P(up) = P(class 1) per row'));
  return g.toBytes(modelOptions(options, describe(model)));
}

/** The ModelProto fields besides the graph: sorted metadata, doc string, the app's version as producer_version. */
export function modelOptions(options: ExportOptions, defaultDoc: string): ModelOptions {
  return {
    metadata: sortedMetadata(options.metadata),
    docString: options.docString ?? defaultDoc,
    producerVersion: APP_VERSION,
    ...(options.modelVersion !== undefined ? { modelVersion: options.modelVersion } : {}),
  };
}

function describe(model: TabularModel): string {
  switch (model.kind) {
    case 'trees':
      return `tree ensemble (${model.aggregate}, ${model.trees.length} trees) on ${model.nFeatures} features → p_up`;
    case 'linear':
      return `logistic regression on ${model.nFeatures} standardised features → p_up`;
    case 'ensemble':
      return `weighted average of ${model.members.length} models on ${model.nFeatures} features → p_up`;
  }
}

function sortedMetadata(metadata: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!metadata) return out;
  for (const key of Object.keys(metadata).sort()) {
    const value = metadata[key];
    if (key === '') throw new ModelError('a metadata key is empty', 'MODEL_INVALID', { field: 'metadata' });
    if (typeof value !== 'string') throw new ModelError(`metadata ${key} is not a string`, 'MODEL_INVALID', { field: `metadata.${key}`, value: typeof value });
    out[key] = value;
  }
  return out;
}

export function checkFeatureCount(n: number, field: string): void {
  if (!Number.isInteger(n) || n < 1) throw new ModelError(`${field} must be a positive integer, got ${n}`, 'MODEL_INVALID', { field, value: n });
}

/** `base.name`, or `name` at the top level. */
function at(base: string, name: string): string {
  return base ? `${base}.${name}` : name;
}

function checkFinite(v: number, field: string): void {
  if (!Number.isFinite(v)) throw new ModelError(`${field} is not a finite number: ${v}`, 'MODEL_INVALID', { field, value: v });
}

/** Casts a double [N] value to float. */
function floatOf(g: GraphBuilder, value: string): string {
  return g.node('Cast', [value], ['p_float'], { to: attr.int(DataType.FLOAT) })[0];
}

// ---------------------------------------------------------------------------------------------------------------
// Trees

/** The ONNX node tuples of every tree, renumbered in preorder from the root (unreachable nodes are dropped). */
interface FlatNodes {
  treeIds: number[];
  nodeIds: number[];
  featureIds: number[];
  modes: string[];
  values: number[];
  trueIds: number[];
  falseIds: number[];
  leafTree: number[];
  leafNode: number[];
  leafWeight: number[];
}

function flattenTrees(model: TreeEnsemble, field: string): FlatNodes {
  const flat: FlatNodes = { treeIds: [], nodeIds: [], featureIds: [], modes: [], values: [], trueIds: [], falseIds: [], leafTree: [], leafNode: [], leafWeight: [] };
  const scale = model.aggregate === 'mean' ? 1 / model.trees.length : 1;
  model.trees.forEach((tree, t) => flattenTree(tree, t, model.nFeatures, scale, flat, at(field, `trees[${t}]`)));
  return flat;
}

function flattenTree(tree: Tree, t: number, nFeatures: number, scale: number, flat: FlatNodes, field: string): void {
  const n = tree.feature.length;
  if (n < 1) throw new ModelError(`${field} has no nodes`, 'MODEL_INVALID', { field });
  for (const [name, arr] of [['threshold', tree.threshold], ['left', tree.left], ['right', tree.right], ['value', tree.value]] as const) {
    if (arr.length !== n) throw new ModelError(`${field}.${name} has ${arr.length} entries, feature has ${n}`, 'MODEL_INVALID', { field: `${field}.${name}`, value: arr.length, expected: n });
  }
  // Preorder walk: a node's new id is its position in the walk; children are numbered when they are reached.
  const newId = new Int32Array(n).fill(-1);
  const order: number[] = [];
  const stack = [0];
  while (stack.length > 0) {
    const i = stack.pop() as number;
    if (newId[i] >= 0) throw new ModelError(`${field} node ${i} is reached twice (not a tree)`, 'MODEL_INVALID', { field, value: i });
    newId[i] = order.length;
    order.push(i);
    if (tree.feature[i] >= 0) {
      for (const [side, child] of [['right', tree.right[i]], ['left', tree.left[i]]] as const) {
        if (!Number.isInteger(child) || child < 0 || child >= n) {
          throw new ModelError(`${field} node ${i} has ${side} child ${child} outside 0..${n - 1}`, 'MODEL_INVALID', { field: `${field}.${side}[${i}]`, value: child });
        }
        stack.push(child);
      }
    }
  }
  for (const i of order) {
    const feature = tree.feature[i];
    flat.treeIds.push(t);
    flat.nodeIds.push(newId[i]);
    if (feature >= 0) {
      if (feature >= nFeatures) throw new ModelError(`${field} node ${i} splits on feature ${feature}, the model has ${nFeatures}`, 'MODEL_INVALID', { field: `${field}.feature[${i}]`, value: feature });
      if (Number.isNaN(tree.threshold[i])) throw new ModelError(`${field} node ${i} has a NaN threshold`, 'MODEL_INVALID', { field: `${field}.threshold[${i}]`, value: 'NaN' });
      flat.featureIds.push(feature);
      flat.modes.push('BRANCH_LEQ');
      flat.values.push(tree.threshold[i]);
      flat.trueIds.push(newId[tree.left[i]]);
      flat.falseIds.push(newId[tree.right[i]]);
    } else {
      checkFinite(tree.value[i], `${field}.value[${i}]`);
      flat.featureIds.push(0);
      flat.modes.push('LEAF');
      flat.values.push(0);
      flat.trueIds.push(0);
      flat.falseIds.push(0);
      flat.leafTree.push(t);
      flat.leafNode.push(newId[i]);
      flat.leafWeight.push(tree.value[i] * scale);
    }
  }
}

/** TreeEnsembleClassifier + Gather of probability column 1: a float [N] value. */
function treesSubgraph(g: GraphBuilder, x: string, model: TreeEnsemble, prefix: string, field: string): string {
  if (model.aggregate !== 'sum-logistic' && model.aggregate !== 'mean') {
    throw new ModelError(`${at(field, 'aggregate')} must be 'sum-logistic' or 'mean', got ${String(model.aggregate)}`, 'MODEL_INVALID', { field: at(field, 'aggregate'), value: model.aggregate });
  }
  if (model.trees.length < 1) throw new ModelError(`${at(field, 'trees')} is empty`, 'MODEL_INVALID', { field: at(field, 'trees') });
  const logistic = model.aggregate === 'sum-logistic';
  if (logistic) checkFinite(model.base, at(field, 'base'));
  const flat = flattenTrees(model, field);
  const attributes = {
    nodes_treeids: attr.ints(flat.treeIds),
    nodes_nodeids: attr.ints(flat.nodeIds),
    nodes_featureids: attr.ints(flat.featureIds),
    nodes_modes: attr.strings(flat.modes),
    nodes_values: attr.floats(flat.values),
    nodes_truenodeids: attr.ints(flat.trueIds),
    nodes_falsenodeids: attr.ints(flat.falseIds),
    class_treeids: attr.ints(flat.leafTree),
    class_nodeids: attr.ints(flat.leafNode),
    class_ids: attr.ints(new Array<number>(flat.leafTree.length).fill(0)),
    class_weights: attr.floats(flat.leafWeight),
    classlabels_int64s: attr.ints([0, 1]),
    post_transform: attr.string(logistic ? 'LOGISTIC' : 'NONE'),
    ...(logistic ? { base_values: attr.floats([model.base]) } : {}),
  };
  const [, probabilities] = g.node('TreeEnsembleClassifier', [x], [`${prefix}_label`, `${prefix}_probabilities`], attributes, { domain: ML_DOMAIN });
  const column1 = g.constant(int64Tensor('class1', [], [1]));
  return g.node('Gather', [probabilities, column1], [`${prefix}_p`], { axis: attr.int(1) })[0];
}

// ---------------------------------------------------------------------------------------------------------------
// Linear

/** p = σ(bias + Σ w·(x − mean)/scale), in double: a double [N] value. */
function linearSubgraph(g: GraphBuilder, x: string, model: LinearModel, prefix: string, field: string): string {
  const n = model.nFeatures;
  for (const [name, arr] of [['weights', model.weights], ['mean', model.mean], ['scale', model.scale]] as const) {
    if (arr.length !== n) throw new ModelError(`${at(field, name)} has ${arr.length} entries, nFeatures is ${n}`, 'MODEL_INVALID', { field: at(field, name), value: arr.length, expected: n });
    for (let j = 0; j < n; j++) checkFinite(arr[j], at(field, `${name}[${j}]`));
  }
  for (let j = 0; j < n; j++) {
    if (model.scale[j] === 0) throw new ModelError(`${at(field, `scale[${j}]`)} is 0`, 'MODEL_INVALID', { field: at(field, `scale[${j}]`), value: 0 });
  }
  checkFinite(model.bias, at(field, 'bias'));
  const mean = g.constant(doubleTensor(`${prefix}_mean`, [n], model.mean));
  const scale = g.constant(doubleTensor(`${prefix}_scale`, [n], model.scale));
  const weights = g.constant(doubleTensor(`${prefix}_weights`, [n], model.weights));
  const bias = g.constant(doubleTensor(`${prefix}_bias`, [], [model.bias]));
  const [xd] = g.node('Cast', [x], [`${prefix}_x64`], { to: attr.int(DataType.DOUBLE) });
  const [centred] = g.node('Sub', [xd, mean], [`${prefix}_centred`]);
  const [standard] = g.node('Div', [centred, scale], [`${prefix}_standard`]);
  const [dot] = g.node('MatMul', [standard, weights], [`${prefix}_dot`]);
  const [z] = g.node('Add', [dot, bias], [`${prefix}_z`]);
  return g.node('Sigmoid', [z], [`${prefix}_p`])[0];
}

// ---------------------------------------------------------------------------------------------------------------
// Ensemble

function ensembleSubgraph(g: GraphBuilder, x: string, model: EnsembleModel): string {
  if (model.members.length < 1) throw new ModelError('the ensemble has no members', 'MODEL_INVALID', { field: 'members' });
  const weighted = model.members.map((m, k) => {
    const field = `members[${k}]`;
    const prefix = `m${k}`;
    checkFinite(m.weight, `${field}.weight`);
    if (m.model.nFeatures !== model.nFeatures) {
      throw new ModelError(`${field} takes ${m.model.nFeatures} features, the ensemble ${model.nFeatures}`, 'MODEL_INVALID', { field: `${field}.nFeatures`, value: m.model.nFeatures, expected: model.nFeatures });
    }
    let p: string;
    if (m.model.kind === 'trees') {
      p = g.node('Cast', [treesSubgraph(g, x, m.model, prefix, field)], [`${prefix}_p64`], { to: attr.int(DataType.DOUBLE) })[0];
    } else if (m.model.kind === 'linear') {
      p = linearSubgraph(g, x, m.model, prefix, field);
    } else {
      const kind = (m.model as { kind?: unknown }).kind;
      throw new ModelError(`${field} has kind ${String(kind)}; members are 'trees' or 'linear'`, 'MODEL_INVALID', { field: `${field}.kind`, value: kind });
    }
    const w = g.constant(doubleTensor(`${prefix}_weight`, [], [m.weight]));
    return g.node('Mul', [p, w], [`${prefix}_weighted`])[0];
  });
  const [sum] = g.node('Sum', weighted, ['ensemble_p']);
  return floatOf(g, sum);
}
