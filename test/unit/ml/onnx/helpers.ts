// Seeded random models and feature rows for the ONNX tests.
import type { EnsembleModel, LinearModel, Tree, TreeEnsemble } from '../../../../electron/engine/ml/model';

/** mulberry32: a small seeded PRNG, uniform on [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TreeShape {
  depth: number;
  nFeatures: number;
  /** Chance that a node above the maximum depth is a leaf anyway (0: full trees). */
  earlyLeaf?: number;
  /** Leaf values: 'logodds' in [−1, 1), 'share' in [0, 1), 'positive' in (0, 0.5), 'negative' in (−0.5, 0). */
  leaves: 'logodds' | 'share' | 'positive' | 'negative';
}

/** A random tree, nodes numbered in the order built (preorder), thresholds float32. */
export function randomTree(rand: () => number, shape: TreeShape): Tree {
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const leaf = (): number => {
    const u = rand();
    switch (shape.leaves) {
      case 'logodds':
        return 2 * u - 1;
      case 'share':
        return u;
      case 'positive':
        return 0.001 + 0.499 * u;
      case 'negative':
        return -0.001 - 0.499 * u;
    }
  };
  const build = (d: number): number => {
    const i = feature.length;
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    value.push(0);
    if (d === 0 || rand() < (shape.earlyLeaf ?? 0)) {
      value[i] = leaf();
      return i;
    }
    feature[i] = Math.floor(rand() * shape.nFeatures);
    // Coarse thresholds (multiples of 1/8) repeat often, so rows hit them exactly.
    threshold[i] = Math.fround(rand() < 0.5 ? Math.round((rand() * 4 - 2) * 8) / 8 : rand() * 4 - 2);
    left[i] = build(d - 1);
    right[i] = build(d - 1);
    return i;
  };
  build(shape.depth);
  return {
    feature: Int32Array.from(feature),
    threshold: Float32Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
  };
}

export function randomTreeEnsemble(
  rand: () => number,
  options: { aggregate: TreeEnsemble['aggregate']; trees: number; depth: number | [number, number]; nFeatures: number; earlyLeaf?: number; leaves?: TreeShape['leaves'] },
): TreeEnsemble {
  const leaves = options.leaves ?? (options.aggregate === 'mean' ? 'share' : 'logodds');
  const trees = Array.from({ length: options.trees }, () => {
    const depth = typeof options.depth === 'number' ? options.depth : options.depth[0] + Math.floor(rand() * (options.depth[1] - options.depth[0] + 1));
    return randomTree(rand, { depth, nFeatures: options.nFeatures, earlyLeaf: options.earlyLeaf, leaves });
  });
  const base = options.aggregate === 'mean' ? 0 : 2 * rand() - 1;
  return { kind: 'trees', aggregate: options.aggregate, base, nFeatures: options.nFeatures, trees };
}

export function randomLinear(rand: () => number, nFeatures: number, options: { meanScale?: number } = {}): LinearModel {
  const meanScale = options.meanScale ?? 1;
  return {
    kind: 'linear',
    nFeatures,
    weights: Float64Array.from({ length: nFeatures }, () => 2 * rand() - 1),
    bias: rand() - 0.5,
    mean: Float64Array.from({ length: nFeatures }, () => (2 * rand() - 1) * meanScale),
    scale: Float64Array.from({ length: nFeatures }, () => (0.25 + 2 * rand()) * Math.max(1, meanScale / 100)),
  };
}

export function randomEnsemble(rand: () => number, nFeatures: number): EnsembleModel {
  const raw = [rand() + 0.1, rand() + 0.1, rand() + 0.1];
  const total = raw.reduce((a, b) => a + b, 0);
  return {
    kind: 'ensemble',
    nFeatures,
    members: [
      { weight: raw[0] / total, model: randomTreeEnsemble(rand, { aggregate: 'sum-logistic', trees: 60, depth: [1, 5], nFeatures, earlyLeaf: 0.1 }) },
      { weight: raw[1] / total, model: randomTreeEnsemble(rand, { aggregate: 'mean', trees: 50, depth: [2, 6], nFeatures, earlyLeaf: 0.1 }) },
      { weight: raw[2] / total, model: randomLinear(rand, nFeatures) },
    ],
  };
}

/** Every split threshold of the model's trees, by feature. */
export function thresholdsByFeature(trees: readonly Tree[], nFeatures: number): number[][] {
  const out: number[][] = Array.from({ length: nFeatures }, () => []);
  for (const t of trees) for (let i = 0; i < t.feature.length; i++) if (t.feature[i] >= 0) out[t.feature[i]].push(t.threshold[i]);
  return out;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
/** The float32 next to `x` towards +∞ (up) or −∞ (down). */
export function nextFloat32(x: number, up: boolean): number {
  f32[0] = x;
  if (x === 0) return up ? 1.401298464324817e-45 : -1.401298464324817e-45;
  u32[0] += (x > 0) === up ? 1 : -1;
  return f32[0];
}

/**
 * `rows × nFeatures` float32 values: a third exactly at a split threshold of that feature, a sixth one float32 step
 * either side of one, the rest uniform on [−2.5, 2.5).
 */
export function randomRows(rand: () => number, rows: number, nFeatures: number, thresholds: number[][] = []): Float32Array {
  const out = new Float32Array(rows * nFeatures);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < nFeatures; j++) {
      const ts = thresholds[j] ?? [];
      const u = rand();
      let v: number;
      if (ts.length > 0 && u < 1 / 3) v = ts[Math.floor(rand() * ts.length)];
      else if (ts.length > 0 && u < 1 / 2) v = nextFloat32(ts[Math.floor(rand() * ts.length)], rand() < 0.5);
      else v = rand() * 5 - 2.5;
      out[r * nFeatures + j] = v;
    }
  }
  return out;
}

/** The largest |a[i] − b[i]| (NaN if either holds a NaN where the other does not). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) && Number.isNaN(b[i])) continue;
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= m)) m = d;
  }
  return m;
}
