// Drawdown depth and duration per episode, checked on hand-traced curves.
import { describe, expect, it } from 'vitest';
import { drawdownStats } from '../../../../electron/engine/backtest/metrics';
import { HOUR, evenTimes } from './helpers';

const dd = (equity: number[]) => drawdownStats(evenTimes(equity.length, HOUR), Float64Array.from(equity));

describe('drawdownStats', () => {
  it('[100, 110, 99, 120]: one episode, peak 110 at bar 1, trough 99 (dd 1 − 99/110 = 10 %), recovered at bar 3', () => {
    const s = dd([100, 110, 99, 120]);
    expect(s.maxDrawdown).toBeCloseTo(0.1, 14);
    expect(s.avgDrawdown).toBeCloseTo(0.1, 14);
    expect(s.maxDuration).toBe(2 * HOUR); // bar 3 − bar 1
    expect(s.avgDuration).toBe(2 * HOUR);
    expect(s.episodes).toBe(1);
  });
  it('two episodes, the second never recovered', () => {
    // bars:      0    1    2    3    4    5    6
    // equity:  100   80  100  120   90  108   96
    // peak:    100  100  100  120  120  120  120
    // dd:        0  .20    0    0  .25  .10  .20
    // episode 1: bars 0→2, depth 0.20, 2 h;  episode 2: bars 3→6 (end of data), depth 0.25, 3 h
    const s = dd([100, 80, 100, 120, 90, 108, 96]);
    expect(s.episodes).toBe(2);
    expect(s.maxDrawdown).toBeCloseTo(0.25, 14);
    expect(s.avgDrawdown).toBeCloseTo(0.225, 14); // (0.20 + 0.25) / 2
    expect(s.maxDuration).toBe(3 * HOUR);
    expect(s.avgDuration).toBe(2.5 * HOUR); // (2 h + 3 h) / 2
  });
  it('an episode starts at the LAST bar at the peak: [100, 100, 90, 100] lasts bars 1→3', () => {
    expect(dd([100, 100, 90, 100]).maxDuration).toBe(2 * HOUR);
  });
  it('a drawdown on the final bar alone is an episode: [100, 110, 105] → 1 − 105/110, 1 h', () => {
    const s = dd([100, 110, 105]);
    expect(s.episodes).toBe(1);
    expect(s.maxDrawdown).toBeCloseTo(1 - 105 / 110, 14);
    expect(s.maxDuration).toBe(HOUR);
  });
  it('uneven bar spacing: durations are wall-clock times, not bar counts', () => {
    const s = drawdownStats(Float64Array.of(0, 10, 11, 50), Float64Array.of(100, 90, 95, 101));
    expect(s.maxDuration).toBe(50); // peak at t=0, recovery at t=50
  });
  it('flat or rising equity: max 0, no episode → averages NaN, max duration 0', () => {
    for (const eq of [[100, 100, 100], [100, 101, 102], [100]]) {
      const s = dd(eq);
      expect(s.maxDrawdown).toBe(0);
      expect(s.maxDuration).toBe(0);
      expect(s.avgDrawdown).toBeNaN();
      expect(s.avgDuration).toBeNaN();
    }
  });
  it('ruin: equity 0 is a 100 % drawdown', () => {
    expect(dd([100, 0, 50]).maxDrawdown).toBe(1);
  });
  it('empty curve or non-positive starting equity: everything NaN', () => {
    expect(dd([]).maxDrawdown).toBeNaN();
    expect(dd([0, 10]).maxDrawdown).toBeNaN();
    expect(dd([-5, 10]).avgDuration).toBeNaN();
  });
});
