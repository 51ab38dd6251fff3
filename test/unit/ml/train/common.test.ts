// Shared trainer plumbing: input checks, the validation window cut from the end, progress and cancellation.
import { describe, expect, it } from 'vitest';
import { checkDataset, logLoss, resolveValidation, sliceRows, Ticker } from '../../../../electron/engine/ml/train/common';
import { makeDataset, linearSignal } from './synthetic';

describe('trainer plumbing', () => {
  const d = makeDataset(100, 3, 1, linearSignal);

  it('takes the validation window from the END of the rows, after an embargo gap, without copying', () => {
    const { train, valid } = resolveValidation(d, { validationFraction: 0.2, embargo: 5 });
    expect(valid?.rows).toBe(20);
    expect(train.rows).toBe(75);
    expect(valid?.values[0]).toBe(d.values[80 * 3]);
    expect(valid?.labels[19]).toBe(d.labels[99]);
    expect(train.values.buffer).toBe(d.values.buffer);
    expect(resolveValidation(d, {}).valid).toBeUndefined();
    expect(() => resolveValidation(d, { validationFraction: 1.5 })).toThrow(/validationFraction/);
    expect(() => resolveValidation(d, { validationFraction: 0.5, validation: d })).toThrow(/either/);
  });

  it('slices row ranges', () => {
    const s = sliceRows(d, 10, 12);
    expect(s.rows).toBe(2);
    expect(Array.from(s.values)).toEqual(Array.from(d.values.subarray(30, 36)));
  });

  it('refuses malformed data with a DataError', () => {
    expect(() => checkDataset({ ...d, rows: 99 })).toThrow(/values has/);
    const bad = { ...d, values: d.values.slice() };
    bad.values[7] = NaN;
    expect(() => checkDataset(bad)).toThrow(/non-finite/);
    const labels = d.labels.slice();
    labels[3] = 2;
    expect(() => checkDataset({ ...d, labels })).toThrow(/not 0 or 1/);
    expect(() => checkDataset({ ...d, weights: new Float64Array(100).fill(-1) })).toThrow(/weight/);
  });

  it('reports progress and stops with CANCELLED once the signal is aborted', async () => {
    const calls: number[] = [];
    const ac = new AbortController();
    const t = new Ticker({ onProgress: (done) => calls.push(done), signal: ac.signal }, 0);
    await t.step(1, 3, 'a');
    ac.abort();
    await expect(t.step(2, 3, 'b')).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(calls).toEqual([1]);
  });

  it('computes a weighted log-loss', () => {
    const labels = Uint8Array.from([1, 0]);
    expect(logLoss([0.5, 0.5], labels)).toBeCloseTo(Math.log(2), 12);
    expect(logLoss([0.9, 0.5], labels, Float64Array.from([1, 0]))).toBeCloseTo(-Math.log(0.9), 12);
  });
});
