// Direction labels: up (1) / down (0) over the horizon, none (−1) inside the dead zone and for the last h rows.
import { describe, expect, it } from 'vitest';
import { directionLabels, NO_LABEL } from '../../../../electron/engine/ml/features';

const close = Float64Array.from([100, 101, 100, 99, 99, 102, 101.5]);

describe('directionLabels', () => {
  it('labels a hand-computed series (horizon 2)', () => {
    // 100→100 flat, 101→99 down, 100→99 down, 99→102 up, 99→101.5 up; the last 2 have no future.
    expect(Array.from(directionLabels(close, 2))).toEqual([NO_LABEL, 0, 0, 1, 1, NO_LABEL, NO_LABEL]);
  });

  it('leaves moves inside the dead zone unlabelled', () => {
    // Moves over 1 bar: +1%, −0.99%, −1%, 0, +3.03%, −0.49%.
    expect(Array.from(directionLabels(close, 1, 0.015))).toEqual([NO_LABEL, NO_LABEL, NO_LABEL, NO_LABEL, 1, NO_LABEL, NO_LABEL]);
    expect(Array.from(directionLabels(close, 1, 0.005))).toEqual([1, 0, 0, NO_LABEL, 1, NO_LABEL, NO_LABEL]);
    // With no dead zone only an exactly flat move is unlabelled.
    expect(Array.from(directionLabels(close, 1))).toEqual([1, 0, 0, NO_LABEL, 1, 0, NO_LABEL]);
  });

  it('defaults to a 5-bar horizon with no dead zone', () => {
    expect(Array.from(directionLabels(close))).toEqual([1, 1, NO_LABEL, NO_LABEL, NO_LABEL, NO_LABEL, NO_LABEL]);
  });

  it('gives no label where a close is not a positive number, and handles short series', () => {
    expect(Array.from(directionLabels(Float64Array.from([0, 1, NaN, 2, 3]), 1))).toEqual([NO_LABEL, NO_LABEL, NO_LABEL, 1, NO_LABEL]);
    expect(Array.from(directionLabels(new Float64Array(3), 5))).toEqual([NO_LABEL, NO_LABEL, NO_LABEL]);
  });

  it('refuses a bad horizon or dead zone', () => {
    expect(() => directionLabels(close, 0)).toThrow(/horizon/);
    expect(() => directionLabels(close, 1.5)).toThrow(/horizon/);
    expect(() => directionLabels(close, 1, -0.1)).toThrow(/dead zone/);
    expect(() => directionLabels(close, 1, NaN)).toThrow(/dead zone/);
  });
});
