// The histogram tree builder shared by the GBDT and the random forest.
//
// Rows are pre-binned (binning.ts) into a row-major Uint16Array of global bin ids; every row carries a pair (g, h) — gradient and
// hessian for boosting, (weight·label, weight) for the forest — interleaved in one Float64Array. A node's histogram
// holds Σg and Σh per bin of each feature; the best split of a feature is one left-to-right scan of its bins.
//
// Growth: best-first (the leaf with the largest gain is split next) when `maxLeaves` binds, else depth-first; both
// stop at `maxDepth`. With all of a tree's features considered at every node, only the smaller child's histogram is
// built from rows and the larger one's is the parent's minus it (histogram subtraction; children at maxDepth never
// need one). With per-node feature sampling (random forests), a node's histogram is built for its sampled features
// only, which costs less than a full histogram when few features are drawn.
//
// Gains, all as "score(left) + score(right) − score(parent)":
// - 'newton' (boosting): score = G² / (H + λ), the second-order gain of XGBoost/LightGBM;
// - 'gini': score = P² / W with P = Σw·y, W = Σw — the Gini decrease halved, which for 0/1 labels is also the
//   decrease in the label's weighted variance;
// - 'entropy': score = P·ln(P/W) + (W − P)·ln(1 − P/W), the information gain.

import type { Tree } from '../model';
import type { Binning } from './binning';
import type { Prng } from './prng';

export type SplitCriterion = 'newton' | 'gini' | 'entropy';

export interface TreeParams {
  maxDepth: number;
  /** 0 = no limit beyond maxDepth (depth-wise growth). */
  maxLeaves: number;
  /** Minimum Σh in each child (hessian for boosting, sample weight for the forest). */
  minChildWeight: number;
  /** L2 penalty λ on leaf values ('newton' only). */
  lambda: number;
  /** A split is made only when its gain exceeds this. */
  minSplitGain: number;
  criterion: SplitCriterion;
  /** Features drawn per node (without replacement) from the tree's features; 0 = all of them. */
  featuresPerNode: number;
  /** A leaf's output from its row sums. */
  leafValue: (g: number, h: number) => number;
}

export interface BinnedMatrix {
  /** Global bin ids (binning offset + local bin), row-major: the histograms read a row's bins together. */
  bins: Uint16Array;
  /** The same ids column-major (binsByCol[f · rows + r]): the partition reads one feature of many rows. */
  binsByCol: Uint16Array;
  rows: number;
  cols: number;
  binning: Binning;
}

/** A grown tree with the bookkeeping the trainers (and the exactness tests) use. */
export interface GrownTree {
  tree: Tree;
  /** Per node: the split's global bin id (rows whose global bin is ≤ it go left), −1 for leaves. */
  splitBin: Int32Array;
  /** The tree's rows, permuted so that each leaf's rows are contiguous: leaf i owns rowIndex[leafStart[i], leafEnd[i]). */
  rowIndex: Int32Array;
  /** Per node: start / end of its rows in rowIndex when it is a leaf, −1 for internal nodes. */
  leafStart: Int32Array;
  leafEnd: Int32Array;
}

interface Node {
  id: number;
  start: number;
  end: number;
  depth: number;
  g: number;
  h: number;
  hist: Float64Array | null;
  gain: number;
  feature: number;
  bin: number;
  gLeft: number;
  hLeft: number;
}

export class TreeBuilder {
  private readonly tmp: Int32Array;
  private readonly pool: Float64Array[] = [];
  private readonly histSize: number;
  private readonly perm: Int32Array;
  private readonly nodeFeatures: Int32Array;

  constructor(
    private readonly data: BinnedMatrix,
    private readonly params: TreeParams,
  ) {
    this.tmp = new Int32Array(data.rows);
    this.histSize = 2 * data.binning.offset[data.cols];
    this.perm = new Int32Array(data.cols);
    this.nodeFeatures = new Int32Array(data.cols);
  }

  private takeHist(): Float64Array {
    const h = this.pool.pop();
    if (h) {
      h.fill(0);
      return h;
    }
    return new Float64Array(this.histSize);
  }

  private releaseHist(h: Float64Array | null): void {
    if (h) this.pool.push(h);
  }

  /**
   * Grows one tree over rows rowIndex[0, nRows) (ascending; the array is permuted in place) using `features`
   * (ascending feature indices). `gh` holds (g, h) per row at [2r, 2r + 1]. `rng` draws per-node features.
   */
  grow(gh: Float64Array, rowIndex: Int32Array, nRows: number, features: Int32Array, rng: Prng): GrownTree {
    const p = this.params;
    const nodeFeature: number[] = [];
    const nodeBin: number[] = [];
    const nodeLeft: number[] = [];
    const nodeRight: number[] = [];
    const nodeValue: number[] = [];
    const leafStart: number[] = [];
    const leafEnd: number[] = [];
    const newId = (): number => {
      nodeFeature.push(-1);
      nodeBin.push(-1);
      nodeLeft.push(-1);
      nodeRight.push(-1);
      nodeValue.push(0);
      leafStart.push(-1);
      leafEnd.push(-1);
      return nodeFeature.length - 1;
    };
    const makeLeaf = (n: Node): void => {
      // The leaf's sums again from its rows, in row order, so a leaf value does not carry the histogram's rounding.
      let g = 0;
      let h = 0;
      for (let i = n.start; i < n.end; i++) {
        const r = rowIndex[i] << 1;
        g += gh[r];
        h += gh[r + 1];
      }
      nodeValue[n.id] = p.leafValue(g, h) + 0; // + 0: no −0 leaves
      leafStart[n.id] = n.start;
      leafEnd[n.id] = n.end;
      this.releaseHist(n.hist);
      n.hist = null;
    };

    const perNode = p.featuresPerNode > 0 && p.featuresPerNode < features.length;
    const maxLeaves = p.maxLeaves > 0 ? p.maxLeaves : Infinity;
    const bestFirst = maxLeaves < 2 ** p.maxDepth;
    // A node can split when it is above maxDepth, has two rows and room for two children; a pure node (all up or
    // all down, for the forest's criteria) stays a leaf.
    const splittable = (n: Node): boolean =>
      n.depth < p.maxDepth && n.end - n.start >= 2 && n.h >= 2 * p.minChildWeight && !(p.criterion !== 'newton' && (n.g <= 1e-12 * n.h || n.g >= n.h * (1 - 1e-12)));

    let g0 = 0;
    let h0 = 0;
    for (let i = 0; i < nRows; i++) {
      const r = rowIndex[i] << 1;
      g0 += gh[r];
      h0 += gh[r + 1];
    }
    const root: Node = { id: newId(), start: 0, end: nRows, depth: 0, g: g0, h: h0, hist: null, gain: 0, feature: -1, bin: -1, gLeft: 0, hLeft: 0 };
    const frontier: Node[] = [];
    // Finds n's split (building its histogram when needed) and queues it, or makes it a leaf.
    const consider = (n: Node): void => {
      if (!splittable(n)) return makeLeaf(n);
      if (perNode) this.splitSampled(n, gh, rowIndex, features, rng);
      else {
        if (!n.hist) {
          n.hist = this.takeHist();
          this.buildHist(n.hist, gh, rowIndex, n.start, n.end, features);
        }
        n.gain = -Infinity;
        this.bestSplit(n, n.hist, features, features.length);
      }
      if (n.feature < 0) makeLeaf(n);
      else frontier.push(n);
    };
    consider(root);

    let leaves = 1;
    while (frontier.length > 0) {
      let k = frontier.length - 1;
      if (bestFirst) {
        for (let i = frontier.length - 2; i >= 0; i--) {
          const a = frontier[i];
          const b = frontier[k];
          if (a.gain > b.gain || (a.gain === b.gain && a.id < b.id)) k = i;
        }
      }
      const n = frontier[k];
      frontier.splice(k, 1);
      if (leaves >= maxLeaves) {
        makeLeaf(n);
        continue;
      }
      const mid = this.partition(rowIndex, n.start, n.end, n.feature, n.bin);
      const left: Node = { id: newId(), start: n.start, end: mid, depth: n.depth + 1, g: n.gLeft, h: n.hLeft, hist: null, gain: 0, feature: -1, bin: -1, gLeft: 0, hLeft: 0 };
      const right: Node = { id: newId(), start: mid, end: n.end, depth: n.depth + 1, g: n.g - n.gLeft, h: n.h - n.hLeft, hist: null, gain: 0, feature: -1, bin: -1, gLeft: 0, hLeft: 0 };
      nodeFeature[n.id] = n.feature;
      nodeBin[n.id] = this.data.binning.offset[n.feature] + n.bin;
      nodeLeft[n.id] = left.id;
      nodeRight[n.id] = right.id;
      leaves++;
      if (!perNode && n.hist) this.childHistograms(n, left, right, splittable(left), splittable(right), gh, rowIndex, features);
      consider(left);
      consider(right);
    }

    const nNodes = nodeFeature.length;
    const threshold = new Float32Array(nNodes);
    const { edges, offset } = this.data.binning;
    for (let i = 0; i < nNodes; i++) {
      const f = nodeFeature[i];
      if (f >= 0) threshold[i] = edges[f][nodeBin[i] - offset[f]];
    }
    return {
      tree: {
        feature: Int32Array.from(nodeFeature),
        threshold,
        left: Int32Array.from(nodeLeft),
        right: Int32Array.from(nodeRight),
        value: Float64Array.from(nodeValue),
      },
      splitBin: Int32Array.from(nodeBin),
      rowIndex,
      leafStart: Int32Array.from(leafStart),
      leafEnd: Int32Array.from(leafEnd),
    };
  }

  /** Gives each child that will look for a split its histogram: the smaller built from rows, the larger by subtraction. */
  private childHistograms(parent: Node, left: Node, right: Node, splitL: boolean, splitR: boolean, gh: Float64Array, rowIndex: Int32Array, features: Int32Array): void {
    const hist = parent.hist as Float64Array;
    parent.hist = null;
    if (!splitL && !splitR) return this.releaseHist(hist);
    const [small, large, splitSmall, splitLarge] = left.end - left.start <= right.end - right.start ? [left, right, splitL, splitR] : [right, left, splitR, splitL];
    if (!splitLarge) {
      // Only the smaller child needs one: build it in the parent's buffer.
      hist.fill(0);
      this.buildHist(hist, gh, rowIndex, small.start, small.end, features);
      small.hist = hist;
      return;
    }
    const sh = this.takeHist();
    this.buildHist(sh, gh, rowIndex, small.start, small.end, features);
    this.subtract(hist, sh, features);
    large.hist = hist;
    if (splitSmall) small.hist = sh;
    else this.releaseHist(sh);
  }

  /** Per-node feature sampling: draw featuresPerNode features, and more when none of them gives a valid split. */
  private splitSampled(n: Node, gh: Float64Array, rowIndex: Int32Array, features: Int32Array, rng: Prng): void {
    const m = features.length;
    const perm = this.perm;
    perm.set(features);
    const hist = this.pool.pop() ?? new Float64Array(this.histSize); // only the drawn features' bins are zeroed
    n.gain = -Infinity;
    n.feature = -1;
    for (let drawn = 0; drawn < m && n.feature < 0; ) {
      const k = Math.min(this.params.featuresPerNode, m - drawn);
      for (let i = 0; i < k; i++) {
        const j = drawn + i + rng.int(m - drawn - i);
        const t = perm[drawn + i];
        perm[drawn + i] = perm[j];
        perm[j] = t;
      }
      const feats = this.nodeFeatures;
      for (let i = 0; i < k; i++) feats[i] = perm[drawn + i];
      feats.subarray(0, k).sort();
      this.buildHistByColumn(hist, gh, rowIndex, n.start, n.end, feats, k);
      this.bestSplit(n, hist, feats, k);
      drawn += k;
    }
    this.releaseHist(hist);
  }

  /** Stable partition of rowIndex[start, end) by bin ≤ `bin` of feature f; returns the first right position. */
  private partition(rowIndex: Int32Array, start: number, end: number, f: number, bin: number): number {
    const col = this.data.binsByCol;
    const o = f * this.data.rows;
    const tmp = this.tmp;
    const gb = this.data.binning.offset[f] + bin;
    let l = start;
    let k = 0;
    for (let i = start; i < end; i++) {
      const r = rowIndex[i];
      if (col[o + r] <= gb) rowIndex[l++] = r;
      else tmp[k++] = r;
    }
    rowIndex.set(tmp.subarray(0, k), l);
    return l;
  }

  /** Adds rows rowIndex[start, end) into `hist` for the given features (the hot loop: unrolled by four). */
  private buildHist(hist: Float64Array, gh: Float64Array, rowIndex: Int32Array, start: number, end: number, features: Int32Array): void {
    const { bins, cols } = this.data;
    const nf = features.length;
    if (nf === cols) {
      for (let i = start; i < end; i++) {
        const r = rowIndex[i];
        const g = gh[r << 1];
        const h = gh[(r << 1) + 1];
        let k = r * cols;
        const e = k + cols;
        for (; k + 3 < e; k += 4) {
          const b0 = bins[k] << 1;
          const b1 = bins[k + 1] << 1;
          const b2 = bins[k + 2] << 1;
          const b3 = bins[k + 3] << 1;
          hist[b0] += g;
          hist[b0 + 1] += h;
          hist[b1] += g;
          hist[b1 + 1] += h;
          hist[b2] += g;
          hist[b2 + 1] += h;
          hist[b3] += g;
          hist[b3 + 1] += h;
        }
        for (; k < e; k++) {
          const b = bins[k] << 1;
          hist[b] += g;
          hist[b + 1] += h;
        }
      }
      return;
    }
    for (let i = start; i < end; i++) {
      const r = rowIndex[i];
      const g = gh[r << 1];
      const h = gh[(r << 1) + 1];
      const base = r * cols;
      let j = 0;
      for (; j + 3 < nf; j += 4) {
        const b0 = bins[base + features[j]] << 1;
        const b1 = bins[base + features[j + 1]] << 1;
        const b2 = bins[base + features[j + 2]] << 1;
        const b3 = bins[base + features[j + 3]] << 1;
        hist[b0] += g;
        hist[b0 + 1] += h;
        hist[b1] += g;
        hist[b1 + 1] += h;
        hist[b2] += g;
        hist[b2 + 1] += h;
        hist[b3] += g;
        hist[b3 + 1] += h;
      }
      for (; j < nf; j++) {
        const b = bins[base + features[j]] << 1;
        hist[b] += g;
        hist[b + 1] += h;
      }
    }
  }

  /**
   * Sets the bins of features[0, nf) in `hist` from rows rowIndex[start, end), one feature at a time from the
   * column-major bins. For a few features of a deep node's scattered rows this reads a few small columns instead of
   * a whole cache line per row.
   */
  private buildHistByColumn(hist: Float64Array, gh: Float64Array, rowIndex: Int32Array, start: number, end: number, features: Int32Array, nf: number): void {
    const { binsByCol, rows } = this.data;
    const offset = this.data.binning.offset;
    for (let j = 0; j < nf; j++) {
      const f = features[j];
      hist.fill(0, offset[f] << 1, offset[f + 1] << 1);
      const col = f * rows;
      for (let i = start; i < end; i++) {
        const r = rowIndex[i];
        const b = binsByCol[col + r] << 1;
        hist[b] += gh[r << 1];
        hist[b + 1] += gh[(r << 1) + 1];
      }
    }
  }

  /** hist −= other over the features' bins. */
  private subtract(hist: Float64Array, other: Float64Array, features: Int32Array): void {
    const offset = this.data.binning.offset;
    if (features.length === this.data.cols) {
      for (let i = 0; i < hist.length; i++) hist[i] -= other[i];
      return;
    }
    for (let j = 0; j < features.length; j++) {
      const f = features[j];
      for (let i = offset[f] << 1, e = offset[f + 1] << 1; i < e; i++) hist[i] -= other[i];
    }
  }

  private score(g: number, h: number): number {
    switch (this.params.criterion) {
      case 'newton':
        return (g * g) / (h + this.params.lambda);
      case 'gini':
        return h > 0 ? (g * g) / h : 0;
      case 'entropy': {
        if (h <= 0) return 0;
        const q = Math.min(1, Math.max(0, g / h));
        return (q > 0 ? g * Math.log(q) : 0) + (q < 1 ? (h - g) * Math.log(1 - q) : 0);
      }
    }
  }

  /** Improves n's recorded split with the features features[0, nf) of `hist` (strictly better gains only). */
  private bestSplit(n: Node, hist: Float64Array, features: Int32Array, nf: number): void {
    const { offset, nBins } = this.data.binning;
    const minChild = this.params.minChildWeight;
    const parentScore = this.score(n.g, n.h);
    const floor = this.params.minSplitGain + 1e-10 * (Math.abs(parentScore) + Math.abs(n.h));
    for (let j = 0; j < nf; j++) {
      const f = features[j];
      const o = offset[f] << 1;
      const last = nBins[f] - 1;
      let gl = 0;
      let hl = 0;
      for (let b = 0; b < last; b++) {
        gl += hist[o + 2 * b];
        hl += hist[o + 2 * b + 1];
        if (hl < minChild) continue;
        const hr = n.h - hl;
        if (hr < minChild) break;
        const gain = this.score(gl, hl) + this.score(n.g - gl, hr) - parentScore;
        if (gain > n.gain && gain > floor) {
          n.gain = gain;
          n.feature = f;
          n.bin = b;
          n.gLeft = gl;
          n.hLeft = hl;
        }
      }
    }
  }
}

/** The leaf of `tree` that binned row r reaches (the training-time routing: bin ≤ splitBin goes left). */
export function leafOfBinnedRow(grown: GrownTree, bins: Uint16Array, cols: number, r: number): number {
  const { feature, left, right } = grown.tree;
  const splitBin = grown.splitBin;
  let n = 0;
  while (feature[n] >= 0) n = bins[r * cols + feature[n]] <= splitBin[n] ? left[n] : right[n];
  return n;
}
