import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibrationTable, rocAuc, scoreClassifier } from '../../../../electron/engine/ml/evaluate/classification';

/** AUC by its definition: every (up, down) pair, ties half. */
function pairAuc(p: number[], y: number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < p.length; i++) {
    for (let j = 0; j < p.length; j++) {
      if (y[i] !== 1 || y[j] !== 0) continue;
      pairs++;
      wins += p[i] > p[j] ? 1 : p[i] === p[j] ? 0.5 : 0;
    }
  }
  return pairs ? wins / pairs : Number.NaN;
}

describe('classification scores', () => {
  it('scores a small hand-worked case', () => {
    const p = [0.9, 0.8, 0.3, 0.6, 0.1];
    const y = [1, 1, 0, 0, 1];
    const s = scoreClassifier(p, y);
    expect(s.rows).toBe(5);
    expect(s.baseRate).toBeCloseTo(0.6, 12);
    expect(s.accuracy).toBeCloseTo(3 / 5, 12); // 0.9✓ 0.8✓ 0.3✓ 0.6✗ 0.1✗
    const ll = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.7) + Math.log(0.4) + Math.log(0.1)) / 5;
    expect(s.logLoss).toBeCloseTo(ll, 12);
    expect(s.brier).toBeCloseTo((0.01 + 0.04 + 0.09 + 0.36 + 0.81) / 5, 12);
    // Up rows 0.9, 0.8, 0.1 against down rows 0.3, 0.6: 2 + 2 + 0 wins of 6.
    expect(s.auc).toBeCloseTo(4 / 6, 12);
  });

  it('AUC equals the pairwise definition, ties included', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 1 })), { minLength: 1, maxLength: 60 }), (rows) => {
        const p = rows.map(([v]) => v / 6);
        const y = rows.map(([, l]) => l);
        const a = rocAuc(p, y);
        const b = pairAuc(p, y);
        if (Number.isNaN(b)) expect(a).toBeNaN();
        else expect(a).toBeCloseTo(b, 12);
      }),
    );
  });

  it('a perfect ranking scores 1, a reversed one 0, one class alone NaN', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([0.3, 0.4], [1, 1])).toBeNaN();
  });

  it('calibration bins count every row once, with their mean prediction and outcome', () => {
    const bins = calibrationTable([0.05, 0.07, 0.55, 1, 0.99], [0, 1, 1, 1, 0], 10);
    expect(bins).toHaveLength(10);
    expect(bins.reduce((n, b) => n + b.rows, 0)).toBe(5);
    expect(bins[0]).toMatchObject({ rows: 2, observed: 0.5 });
    expect(bins[0].predicted).toBeCloseTo(0.06, 12);
    expect(bins[5]).toMatchObject({ rows: 1, observed: 1 });
    expect(bins[9]).toMatchObject({ rows: 2, observed: 0.5 }); // p = 1 falls in the last bin
    expect(bins[3].predicted).toBeNaN();
  });

  it('a certain miss costs a large but finite log-loss', () => {
    expect(Number.isFinite(scoreClassifier([0], [1]).logLoss)).toBe(true);
    expect(scoreClassifier([0], [1]).logLoss).toBeGreaterThan(30);
  });

  it('refuses mismatched lengths', () => {
    expect(() => scoreClassifier([0.5], [1, 0])).toThrow(/1 probabilities but 2 labels/);
  });
});
