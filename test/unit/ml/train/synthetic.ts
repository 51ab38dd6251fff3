// Synthetic datasets with a known signal for the trainer tests (seeded, so every run sees the same rows).

import type { Dataset } from '../../../../electron/engine/ml/train/common';
import { Prng } from '../../../../electron/engine/ml/train/prng';

function gaussian(rng: Prng): number {
  let u = rng.next();
  while (u === 0) u = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** Standard normal features; `label(row) > noise` with logistic-ish noise of the given scale. */
export function makeDataset(rows: number, cols: number, seed: number, label: (x: Float32Array, off: number) => number, noise = 1): Dataset {
  const rng = new Prng(seed);
  const values = new Float32Array(rows * cols);
  const labels = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) values[r * cols + j] = gaussian(rng);
    labels[r] = label(values, r * cols) > noise * gaussian(rng) ? 1 : 0;
  }
  return { values, rows, cols, labels };
}

/** label = x0 + 0.5·x1 > noise: a linear signal every trainer should find. */
export const linearSignal = (x: Float32Array, o: number): number => x[o] + 0.5 * x[o + 1];

/** label = sign(x0·x1) > noise: an interaction (XOR of the signs) a linear model cannot represent. */
export const xorSignal = (x: Float32Array, o: number): number => 2 * Math.sign(x[o] * x[o + 1]);

/** Every typed array of a model, as bytes in a fixed order: equal strings mean byte-identical models. */
export function modelBytes(model: unknown): string {
  const parts: string[] = [];
  const walk = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) parts.push(Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex'));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const k of Object.keys(v).sort()) {
      parts.push(k);
      walk((v as Record<string, unknown>)[k]);
    }
    else parts.push(String(v));
  };
  walk(model);
  return parts.join('|');
}

/** Rows whose values come from a few float32 neighbours, ±0 and repeats: the hard cases for split exactness. */
export function makeTiedDataset(rows: number, cols: number, seed: number): Dataset {
  const rng = new Prng(seed);
  const one = 1;
  const next = (x: number): number => {
    const b = new Float32Array([x]);
    const u = new Uint32Array(b.buffer);
    u[0] += 1;
    return b[0];
  };
  const pool = [-0, 0, one, next(one), next(next(one)), -one, 1e-30, next(1e-30), 3.5, 1e30];
  const values = new Float32Array(rows * cols);
  const labels = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) values[r * cols + j] = j % 2 === 0 ? pool[rng.int(pool.length)] : rng.next() < 0.5 ? rng.int(5) : Math.fround(rng.next());
    const x0 = values[r * cols];
    labels[r] = (x0 > 1 ? 0.8 : x0 === one ? 0.5 : 0.2) > rng.next() ? 1 : 0;
  }
  return { values, rows, cols, labels };
}
