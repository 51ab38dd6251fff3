// Random forest of histogram trees → model.ts TreeEnsemble ('mean'): P(up) = mean over trees of the leaf's share of
// "up" rows.
//
// Library verdict (npm ml-random-forest 2.1.0 on ml-cart 2.1.1, read from the registry tarballs): not usable here.
// - Tree structure: reachable only through toJSON() (a recursive TreeNode object: splitColumn, splitValue,
//   left/right, and a class-distribution Matrix at leaves), so an export is possible, but…
// - Thresholds: float64 midpoints (a + b) / 2 of neighbouring values, tested with `x < splitValue`; a float32 ONNX
//   graph would not split the same rows (a midpoint between two float32 values is usually not a float32 value).
// - Speed: ml-cart's bestSplit sorts every feature at every node and, for every candidate value (every label change
//   in sorted order — about half the rows on noisy labels), copies the labels into two new arrays and recounts the
//   Gini impurity from scratch: quadratic in a node's rows, ~60 × 250k × 500k ≈ 10^13 steps for the root alone on
//   500k × 60 rows, and it copies the matrix (transpose, split into arrays of rows) at every node. Not usable at
//   this size; the whole 100-tree forest here takes about half a minute on 300k × 60.
// - Features are drawn once per tree (the code says so: "Other implementations … apply feature bagging at every
//   split"), not per split; no sample weights; its seed is honoured (random-js MT19937), but the package would also
//   pull ml-matrix, random-js and the array helpers.
// So the forest is grown with our histogram builder (tree-builder.ts), the same one the GBDT uses.
//
// Method: each tree draws `maxSamples · rows` rows with replacement (the draw counts become row weights, so no rows
// are copied), grows depth-first to `maxDepth` with `maxFeatures` features drawn per node (√cols by default; more
// are drawn when none of the first gives a valid split, as scikit-learn does), splitting by Gini (equivalently, the
// variance of the 0/1 label) or entropy gain; a leaf holds its weighted share of up rows. Out-of-bag predictions
// are returned too — on a time series they are optimistic (neighbouring rows are near copies), so do not use them
// as a test score.

import type { TreeEnsemble } from '../model';
import { applyBinning, binsByColumn, fitBinning } from './binning';
import { checkDataset, checkKeys, checkOption, Ticker, type Dataset, type TrainControl } from './common';
import { Prng } from './prng';
import { leafOfBinnedRow, TreeBuilder } from './tree-builder';
import { ConfigError, DataError } from '../../errors';

export interface ForestOptions extends TrainControl {
  /** Trees (default 100). */
  nEstimators?: number;
  /** Default 12. */
  maxDepth?: number;
  /** Best-first growth with at most this many leaves; 0 = no limit beyond maxDepth (default 0). */
  maxLeaves?: number;
  /** Minimum (bootstrap-count × sample-weight) sum in a child: the minimum rows per leaf, unweighted (default 10). */
  minSamplesLeaf?: number;
  /** Features drawn per split: 0 = ⌊√cols⌋, a fraction in (0, 1), or a count ≥ 1 (default 0). */
  maxFeatures?: number;
  /** Default 'gini' (for 0/1 labels the same splits as the label's variance reduction). */
  criterion?: 'gini' | 'entropy';
  /** Draw rows with replacement for each tree (default true); false grows every tree on all rows. */
  bootstrap?: boolean;
  /** Rows drawn per tree as a share of the rows (default 1). */
  maxSamples?: number;
  /** Minimum gain to split (default 0). */
  minSplitGain?: number;
  /** Bins per feature, 2..255 (default 255). */
  maxBins?: number;
}

export interface ForestResult {
  model: TreeEnsemble;
  /** Mean prediction of the trees that did not draw each row (NaN when every tree drew it; all NaN without bootstrap). */
  oobPredictions: Float64Array;
}

export const FOREST_DEFAULTS = {
  nEstimators: 100,
  maxDepth: 12,
  maxLeaves: 0,
  minSamplesLeaf: 10,
  maxFeatures: 0,
  criterion: 'gini',
  bootstrap: true,
  maxSamples: 1,
  minSplitGain: 0,
  maxBins: 255,
  seed: 1,
} as const;

export async function trainForest(data: Dataset, options: ForestOptions = {}): Promise<ForestResult> {
  checkKeys('Random forest', options, Object.keys(FOREST_DEFAULTS));
  const o = { ...FOREST_DEFAULTS, ...options };
  if (typeof o.bootstrap !== 'boolean') throw new ConfigError('bootstrap must be true or false', 'CONFIG_INVALID', { field: 'bootstrap', value: o.bootstrap });
  checkOption('nEstimators', o.nEstimators, 1, 1e6, true);
  checkOption('maxDepth', o.maxDepth, 1, 64, true);
  checkOption('maxLeaves', o.maxLeaves, 0, 1 << 24, true);
  checkOption('minSamplesLeaf', o.minSamplesLeaf, 0, Infinity);
  checkOption('maxFeatures', o.maxFeatures, 0, data.cols);
  checkOption('maxSamples', o.maxSamples, 1e-6, 1);
  checkOption('minSplitGain', o.minSplitGain, 0, Infinity);
  checkOption('maxBins', o.maxBins, 2, 255, true);
  if (o.criterion !== 'gini' && o.criterion !== 'entropy') throw new ConfigError(`criterion must be 'gini' or 'entropy'`, 'CONFIG_INVALID', { field: 'criterion', value: o.criterion });
  checkDataset(data);
  const n = data.rows;
  const cols = data.cols;
  if (n < 1) throw new DataError('Random forest training needs at least one row', 'DATA_INVALID');
  const mtry = o.maxFeatures === 0 ? Math.max(1, Math.floor(Math.sqrt(cols))) : o.maxFeatures < 1 ? Math.max(1, Math.round(o.maxFeatures * cols)) : Math.floor(o.maxFeatures);

  const ticker = new Ticker(o);
  ticker.checkAborted();
  const binning = fitBinning(data.values, n, cols, { maxBins: o.maxBins });
  const bins = applyBinning(binning, data.values, n);
  const builder = new TreeBuilder(
    { bins, binsByCol: binsByColumn(bins, n, cols), rows: n, cols, binning },
    {
      maxDepth: o.maxDepth,
      maxLeaves: o.maxLeaves,
      minChildWeight: o.minSamplesLeaf,
      lambda: 0,
      minSplitGain: o.minSplitGain,
      criterion: o.criterion,
      featuresPerNode: mtry >= cols ? 0 : mtry,
      leafValue: (g, h) => (h > 0 ? g / h : 0),
    },
  );
  const rng = new Prng(o.seed);
  const features = new Int32Array(cols);
  for (let j = 0; j < cols; j++) features[j] = j;
  const gh = new Float64Array(2 * n);
  const rowIndex = new Int32Array(n);
  const count = new Int32Array(n);
  const oobSum = new Float64Array(n);
  const oobCount = new Int32Array(n);
  const nDraw = Math.max(1, Math.round(o.maxSamples * n));
  const w = data.weights;
  const y = data.labels;
  const trees: TreeEnsemble['trees'] = [];

  for (let t = 0; t < o.nEstimators; t++) {
    if (o.bootstrap) {
      count.fill(0);
      for (let i = 0; i < nDraw; i++) count[rng.int(n)]++;
    } else count.fill(1);
    let nRows = 0;
    for (let r = 0; r < n; r++) {
      const c = count[r];
      if (c > 0) rowIndex[nRows++] = r;
      const wr = c * (w ? w[r] : 1);
      gh[2 * r] = wr * y[r];
      gh[2 * r + 1] = wr;
    }
    const grown = builder.grow(gh, rowIndex, nRows, features, rng);
    trees.push(grown.tree);
    if (o.bootstrap) {
      for (let r = 0; r < n; r++) {
        if (count[r] > 0) continue;
        oobSum[r] += grown.tree.value[leafOfBinnedRow(grown, bins, cols, r)];
        oobCount[r]++;
      }
    }
    await ticker.step(t + 1, o.nEstimators, `tree ${t + 1}/${o.nEstimators}, ${(grown.tree.feature.length + 1) / 2} leaves`);
  }

  const oobPredictions = new Float64Array(n);
  for (let r = 0; r < n; r++) oobPredictions[r] = oobCount[r] > 0 ? oobSum[r] / oobCount[r] : NaN;
  return { model: { kind: 'trees', aggregate: 'mean', base: 0, nFeatures: cols, trees }, oobPredictions };
}
