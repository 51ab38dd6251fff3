// Walk-forward windows: test spans tile the data without overlap; train spans precede them (rolling or anchored).
import { describe, expect, it } from 'vitest';
import { buildWindows, parseSpan } from '../../../../electron/engine/backtest/windows';
import { ConfigError } from '../../../../electron/engine/errors';
import { allocateSeries } from '../../../../electron/engine/model/candle-series';

const HOUR = 3_600_000;
function hourly(n: number) {
  const s = allocateSeries(n);
  for (let i = 0; i < n; i++) s.time[i] = i * HOUR;
  return s;
}

describe('walk-forward windows', () => {
  it('parses durations and bar counts', () => {
    expect(parseSpan('30d', 'train')).toEqual({ ms: 30 * 24 * HOUR });
    expect(parseSpan('12h', 'train')).toEqual({ ms: 12 * HOUR });
    expect(parseSpan('500', 'train')).toEqual({ bars: 500 });
    expect(parseSpan('500bars', 'train')).toEqual({ bars: 500 });
    expect(() => parseSpan('soon', 'train')).toThrow(ConfigError);
    expect(() => parseSpan('0d', 'train')).toThrow(ConfigError);
  });

  it('rolls: train is the span just before each test, tests are contiguous, the short tail is dropped', () => {
    const w = buildWindows(hourly(100), { bars: 30 }, { bars: 20 }, false);
    expect(w.map((x) => [x.train.from, x.train.to, x.test.from, x.test.to])).toEqual([
      [0, 30, 30, 50], [20, 50, 50, 70], [40, 70, 70, 90],
    ]);
  });

  it('anchors: every train span starts at the first bar', () => {
    const w = buildWindows(hourly(100), { bars: 30 }, { bars: 20 }, true);
    expect(w.map((x) => [x.train.from, x.train.to])).toEqual([[0, 30], [0, 50], [0, 70]]);
  });

  it('measures durations in time, and a span ending exactly at the data end counts', () => {
    const w = buildWindows(hourly(48), { ms: 24 * HOUR }, { ms: 12 * HOUR }, false);
    expect(w.map((x) => [x.train.from, x.test.from, x.test.to])).toEqual([[0, 24, 36], [12, 36, 48]]);
    for (let i = 1; i < w.length; i++) expect(w[i].test.from).toBe(w[i - 1].test.to);
    for (const x of w) expect(x.train.to).toBe(x.test.from);
  });
});
