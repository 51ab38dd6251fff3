// The histogram tree builder: rows land where the float32 thresholds send them, every split is the best one the
// histograms offer (checked by brute force, so histogram subtraction is checked too), and the limits hold.
import { describe, expect, it } from 'vitest';
import { predictRow, type Tree, type TreeEnsemble } from '../../../../electron/engine/ml/model';
import { applyBinning, binsByColumn, fitBinning } from '../../../../electron/engine/ml/train/binning';
import { Prng } from '../../../../electron/engine/ml/train/prng';
import { leafOfBinnedRow, TreeBuilder, type BinnedMatrix, type TreeParams } from '../../../../electron/engine/ml/train/tree-builder';
import { linearSignal, makeDataset, makeTiedDataset, xorSignal } from './synthetic';
import type { Dataset } from '../../../../electron/engine/ml/train/common';

function binned(d: Dataset, maxBins = 255): BinnedMatrix {
  const binning = fitBinning(d.values, d.rows, d.cols, { maxBins });
  const bins = applyBinning(binning, d.values, d.rows);
  return { bins, binsByCol: binsByColumn(bins, d.rows, d.cols), rows: d.rows, cols: d.cols, binning };
}

/** model.ts's routing (fround(x) <= threshold), returning the node. */
function floatLeaf(tree: Tree, values: Float32Array, off: number): number {
  let n = 0;
  while (tree.feature[n] >= 0) n = Math.fround(values[off + tree.feature[n]]) <= tree.threshold[n] ? tree.left[n] : tree.right[n];
  return n;
}

/** Logistic-loss gradients at margin 0 (the first boosting round). */
function newtonGh(d: Dataset): Float64Array {
  const gh = new Float64Array(2 * d.rows);
  for (let r = 0; r < d.rows; r++) {
    gh[2 * r] = 0.5 - d.labels[r];
    gh[2 * r + 1] = 0.25;
  }
  return gh;
}

const all = (cols: number) => Int32Array.from({ length: cols }, (_, i) => i);
const newton = (over: Partial<TreeParams> = {}): TreeParams => ({
  maxDepth: 5,
  maxLeaves: 0,
  minChildWeight: 1,
  lambda: 1,
  minSplitGain: 0,
  criterion: 'newton',
  featuresPerNode: 0,
  leafValue: (g, h) => -g / (h + 1),
  ...over,
});

function depthOf(tree: Tree): number {
  const depth = (n: number): number => (tree.feature[n] < 0 ? 0 : 1 + Math.max(depth(tree.left[n]), depth(tree.right[n])));
  return depth(0);
}

describe('TreeBuilder', () => {
  for (const [name, data] of [
    ['continuous features', makeDataset(3000, 6, 11, xorSignal)],
    ['tied values, ±0 and float32 neighbours', makeTiedDataset(3000, 6, 12)],
  ] as const) {
    it(`sends every row, by its float32 value and the Float32 thresholds, to the leaf the builder put it in (${name})`, () => {
      const m = binned(data);
      const builder = new TreeBuilder(m, newton({ maxDepth: 7 }));
      const rowIndex = all(data.rows);
      const grown = builder.grow(newtonGh(data), rowIndex, data.rows, all(data.cols), new Prng(1));
      const { tree } = grown;
      let covered = 0;
      for (let node = 0; node < tree.feature.length; node++) {
        if (tree.feature[node] >= 0) continue;
        for (let i = grown.leafStart[node]; i < grown.leafEnd[node]; i++) {
          const r = grown.rowIndex[i];
          expect(floatLeaf(tree, data.values, r * data.cols)).toBe(node);
          expect(leafOfBinnedRow(grown, m.bins, m.cols, r)).toBe(node);
          covered++;
        }
      }
      expect(covered).toBe(data.rows);
      const single: TreeEnsemble = { kind: 'trees', aggregate: 'mean', base: 0, nFeatures: data.cols, trees: [tree] };
      for (let r = 0; r < data.rows; r += 97) expect(predictRow(single, data.values, r * data.cols)).toBe(tree.value[floatLeaf(tree, data.values, r * data.cols)]);
      expect(tree.feature.length).toBeGreaterThan(7);
    });
  }

  it('chooses at every node the split with the largest gain over all features and bins (brute force)', () => {
    const data = makeDataset(2000, 5, 13, linearSignal);
    const m = binned(data, 24);
    const lambda = 1;
    const minChild = 2;
    const grown = new TreeBuilder(m, newton({ maxDepth: 4, lambda, minChildWeight: minChild })).grow(newtonGh(data), all(data.rows), data.rows, all(data.cols), new Prng(1));
    const { tree } = grown;
    const gh = newtonGh(data);
    const score = (g: number, h: number) => (g * g) / (h + lambda);
    // The rows of every node, by routing from the root.
    const members: number[][] = tree.feature.length ? Array.from({ length: tree.feature.length }, () => []) : [];
    for (let r = 0; r < data.rows; r++) {
      let n = 0;
      members[0].push(r);
      while (tree.feature[n] >= 0) {
        n = Math.fround(data.values[r * data.cols + tree.feature[n]]) <= tree.threshold[n] ? tree.left[n] : tree.right[n];
        members[n].push(r);
      }
    }
    let checked = 0;
    for (let node = 0; node < tree.feature.length; node++) {
      if (tree.feature[node] < 0) continue;
      const rows = members[node];
      let G = 0;
      let H = 0;
      for (const r of rows) {
        G += gh[2 * r];
        H += gh[2 * r + 1];
      }
      let best = -Infinity;
      let chosen = NaN;
      for (let f = 0; f < data.cols; f++) {
        for (let b = 0; b < m.binning.nBins[f] - 1; b++) {
          const t = m.binning.edges[f][b];
          let gl = 0;
          let hl = 0;
          for (const r of rows) {
            if (Math.fround(data.values[r * data.cols + f]) <= t) {
              gl += gh[2 * r];
              hl += gh[2 * r + 1];
            }
          }
          if (hl < minChild || H - hl < minChild) continue;
          const gain = score(gl, hl) + score(G - gl, H - hl) - score(G, H);
          best = Math.max(best, gain);
          if (f === tree.feature[node] && t === tree.threshold[node]) chosen = gain;
        }
      }
      expect(chosen).toBeGreaterThan(0);
      expect(Math.abs(chosen - best)).toBeLessThanOrEqual(1e-9 * Math.max(1, best));
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('respects maxDepth and maxLeaves; best-first with room for every leaf grows the depth-wise tree', () => {
    const data = makeDataset(4000, 8, 14, xorSignal);
    const m = binned(data);
    const grow = (p: Partial<TreeParams>) => new TreeBuilder(m, newton(p)).grow(newtonGh(data), all(data.rows), data.rows, all(data.cols), new Prng(1)).tree;
    const deep = grow({ maxDepth: 6 });
    expect(depthOf(deep)).toBe(6);
    const leafy = grow({ maxDepth: 6, maxLeaves: 9 });
    expect((leafy.feature.length + 1) / 2).toBe(9);
    expect(depthOf(leafy)).toBeLessThanOrEqual(6);
    const roomy = grow({ maxDepth: 6, maxLeaves: 63 }); // 63 < 2^6: best-first, but room for (nearly) every split
    const mean = (t: Tree): TreeEnsemble => ({ kind: 'trees', aggregate: 'mean', base: 0, nFeatures: data.cols, trees: [t] });
    let same = 0;
    for (let r = 0; r < data.rows; r++) if (predictRow(mean(roomy), data.values, r * data.cols) === predictRow(mean(deep), data.values, r * data.cols)) same++;
    expect(same / data.rows).toBeGreaterThan(0.95);
  });

  it('grows forest trees with per-node feature draws whose leaves hold the share of up rows', () => {
    const data = makeDataset(3000, 9, 15, xorSignal);
    const m = binned(data);
    const gh = new Float64Array(2 * data.rows);
    for (let r = 0; r < data.rows; r++) {
      gh[2 * r] = data.labels[r];
      gh[2 * r + 1] = 1;
    }
    for (const criterion of ['gini', 'entropy'] as const) {
      const b = new TreeBuilder(m, { ...newton({ maxDepth: 8, minChildWeight: 5 }), criterion, lambda: 0, featuresPerNode: 3, leafValue: (g, h) => g / h });
      const grown = b.grow(gh, all(data.rows), data.rows, all(data.cols), new Prng(2));
      const { tree } = grown;
      for (let node = 0; node < tree.feature.length; node++) {
        if (tree.feature[node] >= 0) continue;
        let up = 0;
        const n = grown.leafEnd[node] - grown.leafStart[node];
        for (let i = grown.leafStart[node]; i < grown.leafEnd[node]; i++) up += data.labels[grown.rowIndex[i]];
        expect(tree.value[node]).toBe(up / n);
        expect(n).toBeGreaterThanOrEqual(5);
      }
      expect(new Set(tree.feature.filter((f) => f >= 0)).size).toBeGreaterThan(2);
    }
  });
});
