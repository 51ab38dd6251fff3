// Quantile bins with float32 edges: a row is in bin ≤ b exactly when fround(x) <= edges[b] — the threshold test the
// model (and ONNX) apply — for any float32 input, seen in training or not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyBinning, binOf, binsByColumn, fitBinning } from '../../../../electron/engine/ml/train/binning';

const f32 = fc.float({ noNaN: true, noDefaultInfinity: true });

describe('binning', () => {
  it('edges are ascending float32 values, at most maxBins − 1 of them, and bin ≤ b ⇔ x <= edges[b]', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(f32, fc.constantFrom(0, -0, 1, 2, 3, 1.0000001192092896)), { minLength: 1, maxLength: 400 }),
        fc.array(f32, { maxLength: 40 }),
        fc.integer({ min: 2, max: 40 }),
        (train, unseen, maxBins) => {
          const values = Float32Array.from(train);
          const b = fitBinning(values, values.length, 1, { maxBins });
          const e = b.edges[0];
          expect(e.length).toBeLessThanOrEqual(maxBins - 1);
          expect(b.nBins[0]).toBe(e.length + 1);
          for (let i = 0; i < e.length; i++) {
            expect(Math.fround(e[i])).toBe(e[i]);
            if (i > 0) expect(e[i]).toBeGreaterThan(e[i - 1]);
          }
          const all = Float32Array.from([...train, ...unseen]);
          const global = applyBinning(b, all, all.length);
          for (let r = 0; r < all.length; r++) {
            const x = all[r];
            const bin = binOf(b, 0, x);
            expect(global[r]).toBe(b.offset[0] + bin);
            for (let k = 0; k < e.length; k++) expect(bin <= k).toBe(Math.fround(x) <= e[k]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives every distinct value its own bin when there are few, and roughly equal counts when there are many', () => {
    const few = Float32Array.from([3, 1, 2, 2, 1, 3, 3]);
    expect(fitBinning(few, few.length, 1).nBins[0]).toBe(3);
    const n = 100_000;
    const many = new Float32Array(n);
    for (let i = 0; i < n; i++) many[i] = Math.fround(Math.sin(i) * 1000);
    const b = fitBinning(many, n, 1, { maxBins: 50 });
    expect(b.nBins[0]).toBe(50);
    const counts = new Array(50).fill(0);
    for (const g of applyBinning(b, many, n)) counts[g]++;
    for (const c of counts) expect(Math.abs(c - n / 50)).toBeLessThan(n / 50 / 5);
  });

  it('keeps a heavy tie in a bin of its own, and a constant column in one bin', () => {
    const v = new Float32Array(1000);
    for (let i = 0; i < 1000; i++) v[i] = i < 600 ? 0 : i;
    const b = fitBinning(v, 1000, 1, { maxBins: 10 });
    expect(binOf(b, 0, 0)).toBe(0);
    expect(binOf(b, 0, 600)).toBe(1);
    const c = fitBinning(new Float32Array(50).fill(4), 50, 1);
    expect(c.nBins[0]).toBe(1);
  });

  it('numbers the bins globally (offset per feature) and transposes them for the partition', () => {
    const rows = 30;
    const cols = 3;
    const values = new Float32Array(rows * cols);
    for (let i = 0; i < values.length; i++) values[i] = (i * 7919) % 13;
    const b = fitBinning(values, rows, cols);
    const g = applyBinning(b, values, rows);
    const t = binsByColumn(g, rows, cols);
    for (let r = 0; r < rows; r++) {
      for (let f = 0; f < cols; f++) {
        expect(g[r * cols + f]).toBe(b.offset[f] + binOf(b, f, values[r * cols + f]));
        expect(t[f * rows + r]).toBe(g[r * cols + f]);
      }
    }
    expect(b.offset[cols]).toBe(b.nBins[0] + b.nBins[1] + b.nBins[2]);
  });
});
