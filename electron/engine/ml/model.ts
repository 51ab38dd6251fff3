// The trained model forms the trainers produce, the ONNX exporter writes and the Predictor runs, with the reference
// prediction each must match (ONNX Runtime's output is checked against these to 1e-5).
//
// Inputs are float32 (ONNX's tensor type): predictions here round each feature with Math.fround first, and tree
// thresholds are float32 already, so a split compares exactly the numbers ONNX Runtime compares.

/**
 * One binary decision tree in flat arrays (node 0 is the root). Node i is a leaf when feature[i] < 0, and then
 * value[i] is its output; otherwise a row goes to left[i] when x[feature[i]] <= threshold[i], else to right[i].
 */
export interface Tree {
  feature: Int32Array;
  threshold: Float32Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

/**
 * Trees combined into P(up):
 * - 'sum-logistic' (gradient boosting): p = σ(base + Σ tree outputs), leaves hold log-odds steps;
 * - 'mean' (random forest): p = mean of tree outputs, leaves hold the share of "up" rows (base unused, 0).
 */
export interface TreeEnsemble {
  kind: 'trees';
  aggregate: 'sum-logistic' | 'mean';
  base: number;
  nFeatures: number;
  trees: Tree[];
}

/** Logistic regression on standardised features: p = σ(bias + Σ weights[j] · (x[j] − mean[j]) / scale[j]). */
export interface LinearModel {
  kind: 'linear';
  nFeatures: number;
  weights: Float64Array;
  bias: number;
  mean: Float64Array;
  scale: Float64Array;
}

/** A weighted average of member probabilities (weights sum to 1): the ensemble's documented combination step. */
export interface EnsembleModel {
  kind: 'ensemble';
  nFeatures: number;
  members: Array<{ weight: number; model: TreeEnsemble | LinearModel }>;
}

export type TabularModel = TreeEnsemble | LinearModel | EnsembleModel;

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** The leaf a float32-rounded row reaches in `tree`. */
function leafValue(tree: Tree, row: ArrayLike<number>, offset: number): number {
  let n = 0;
  while (tree.feature[n] >= 0) n = Math.fround(row[offset + tree.feature[n]]) <= tree.threshold[n] ? tree.left[n] : tree.right[n];
  return tree.value[n];
}

/** P(up) for the row starting at `offset` of a row-major matrix (or a single row at offset 0). */
export function predictRow(model: TabularModel, row: ArrayLike<number>, offset = 0): number {
  switch (model.kind) {
    case 'trees': {
      let sum = 0;
      for (const t of model.trees) sum += leafValue(t, row, offset);
      return model.aggregate === 'sum-logistic' ? sigmoid(model.base + sum) : sum / model.trees.length;
    }
    case 'linear': {
      let z = model.bias;
      for (let j = 0; j < model.nFeatures; j++) z += (model.weights[j] * (Math.fround(row[offset + j]) - model.mean[j])) / model.scale[j];
      return sigmoid(z);
    }
    case 'ensemble': {
      let p = 0;
      for (const m of model.members) p += m.weight * predictRow(m.model, row, offset);
      return p;
    }
  }
}

/** P(up) for every row of a row-major `rows × nFeatures` matrix. */
export function predictRows(model: TabularModel, values: ArrayLike<number>, rows: number): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) out[r] = predictRow(model, values, r * model.nFeatures);
  return out;
}
