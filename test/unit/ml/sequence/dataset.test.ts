// Sequence samples: bars whose T-row window is complete and whose label is known; windows gathered oldest first.
import { describe, expect, it } from 'vitest';
import type { FeatureMatrix } from '../../../../electron/engine/ml/features';
import { NO_LABEL } from '../../../../electron/engine/ml/features';
import { checkSequenceDataset, gatherWindows, sequenceDatasetOf, sequenceRows } from '../../../../electron/engine/ml/sequence';
import type { LabelledSeries } from '../../../../electron/engine/ml/training-set';

function labelled(rows: number, cols: number, nanRows: number[], unlabelled: number[]): LabelledSeries {
  const values = Float32Array.from({ length: rows * cols }, (_, i) => i);
  for (const r of nanRows) values[r * cols + 1] = Number.NaN;
  const labels = Int8Array.from({ length: rows }, (_, i) => i % 2);
  for (const r of unlabelled) labels[r] = NO_LABEL;
  const features = { names: [], schemaHash: '', rows, cols, values, time: new Float64Array(rows), firstComplete: 0 } as unknown as FeatureMatrix;
  return { series: undefined as never, features, labels, label: { horizon: 5, deadZone: 0 }, inputs: [] };
}

describe('sequence rows', () => {
  it('need T finite rows ending at the bar and a label; windows may reach back before `from`', () => {
    const ls = labelled(30, 3, [0, 10], [20, 29]);
    expect(Array.from(sequenceRows(ls, 0, 30, 4))).toEqual([4, 5, 6, 7, 8, 9, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27, 28]);
    expect(Array.from(sequenceRows(ls, 15, 19, 4))).toEqual([15, 16, 17, 18]);
    expect(Array.from(sequenceRows(ls, 0, 30, 1))).toEqual(Array.from({ length: 30 }, (_, i) => i).filter((i) => ![0, 10, 20, 29].includes(i)));
    expect(sequenceRows(ls, 12, 13, 4).length).toBe(0);
  });

  it('gather the windows as [N, T, F], oldest row first, and check them', () => {
    const ls = labelled(12, 2, [], []);
    const d = sequenceDatasetOf(ls, sequenceRows(ls, 0, 12, 3), 3);
    expect(d.rows).toBe(10);
    expect(Array.from(d.labels)).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    const out = gatherWindows(d, 1, 2, new Float32Array(100));
    // Sample 1 ends at row 3: rows 1, 2, 3; sample 2 rows 2, 3, 4.
    expect(Array.from(out)).toEqual([2, 3, 4, 5, 6, 7, 4, 5, 6, 7, 8, 9]);
    expect(() => checkSequenceDataset(d)).not.toThrow();
    expect(() => checkSequenceDataset({ ...d, ends: Int32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10) })).toThrow(/outside the matrix/);
    const holed = labelled(12, 2, [5], []);
    expect(() => checkSequenceDataset({ ...d, values: holed.features.values })).toThrow(/non-finite value in row 5/);
  });
});
