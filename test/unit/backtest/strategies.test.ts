// Built-in strategies: strict crosses, warm-up never crosses, the numbers in the reasons, no look-ahead.
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../shared/domain';
import { createStrategy, crossAt, crossLevelAt } from '../../../electron/engine/strategies';
import type { CandleSeries } from '../../../electron/engine/model/candle-series';
import type { Position } from '../../../electron/engine/model/order';
import type { SignalSource } from '../../../electron/engine/model/signal';
import { flatBars } from './helpers';

const F = (a: number[]) => Float64Array.from(a);

/** Every non-hold decision of `source` over `series`, with a position held per `positionAt`. */
function actions(source: SignalSource, series: CandleSeries, positionAt: (i: number) => number = () => 0, actingReasons?: boolean): [number, Decision][] {
  source.prepare(series);
  const out: [number, Decision][] = [];
  for (let i = 0; i < series.length; i++) {
    const size = positionAt(i);
    const position: Position | undefined = size === 0 ? undefined : { symbol: 'X', size, entryPrice: 1, openedAt: 0 };
    const d = source.decide({ index: i, series, symbol: 'X', position, equity: 1, cash: 1, actingReasons });
    if (d.action !== 'hold') out.push([i, d]);
  }
  return out;
}

describe('crosses', () => {
  it('need strictly below then strictly above (or the mirror)', () => {
    const a = F([1, 3, 2, 2, 1]);
    const b = F([2, 2, 2, 1, 2]);
    expect([0, 1, 2, 3, 4].map((i) => crossAt(a, b, i))).toEqual([0, 1, 0, 0, -1]);
  });

  it('touching the other line is not a cross', () => {
    expect(crossAt(F([1, 2, 3]), F([2, 2, 2]), 1)).toBe(0);
    expect(crossAt(F([1, 2, 3]), F([2, 2, 2]), 2)).toBe(0);
  });

  it('warm-up NaNs never cross', () => {
    expect(crossAt(F([1, 3]), F([NaN, 2]), 1)).toBe(0);
    expect(crossLevelAt(F([NaN, 20]), 30, 1)).toBe(0);
  });

  it('levels cross the same way', () => {
    expect([1, 2].map((i) => crossLevelAt(F([35, 25, 31]), 30, i))).toEqual([-1, 1]);
  });
});

describe('sma-cross', () => {
  it('buys when the fast SMA crosses above the slow, sells when it crosses below, with the numbers', () => {
    // SMA(2): –, 10, 10, 9.5, 8.5, 10, 13, 13.5, 11, 8;  SMA(3): –, –, 10, 9.67, 9, 9.67, 11.33, 13, 12, 9.67.
    // Bar 3 is no cross: on bar 2 the two were equal, not strictly below.
    const closes = [10, 10, 10, 9, 8, 12, 14, 13, 9, 7];
    const got = actions(createStrategy('sma-cross', { fast: 2, slow: 3 }), flatBars(closes));
    expect(got.map(([i, d]) => [i, d.action])).toEqual([
      [5, 'buy'],
      [8, 'sell'],
    ]);
    const vote = got[0][1].votes[0];
    expect(vote).toMatchObject({ agent: 'sma-cross', direction: 1, confidence: 1 });
    expect(vote.reasons).toEqual(['SMA(2)=10 crossed above SMA(3)=9.66667']);
  });

  it('rejects fast ≥ slow', () => {
    expect(() => createStrategy('sma-cross', { fast: 20, slow: 10 })).toThrow(/fast/);
  });
});

describe('price-sma-cross', () => {
  it('buys a cross above only when flat and exits a cross below only when long', () => {
    // SMA(3): –, –, 9.67, 10.33, 10, 11, 9.67 — crosses above at 3 and 5, below at 4 and 6.
    const closes = [10, 10, 9, 12, 9, 12, 8];
    const source = createStrategy('price-sma-cross', { period: 3 });
    expect(actions(source, flatBars(closes)).map(([i, d]) => [i, d.action])).toEqual([[3, 'buy'], [5, 'buy']]);
    expect(actions(source, flatBars(closes), () => 1).map(([i, d]) => [i, d.action])).toEqual([[4, 'exit'], [6, 'exit']]);
  });
});

describe('rsi-revert', () => {
  it('buys when RSI crosses below low and exits when it crosses above high', () => {
    const closes = [10, 11, 12, 13, 12, 10, 8, 7, 9, 12, 14];
    const source = createStrategy('rsi-revert', { period: 3, low: 30, high: 70 });
    const flat = actions(source, flatBars(closes));
    expect(flat.map(([, d]) => d.action)).toEqual(['buy']);
    expect(flat[0][1].votes[0].reasons[0]).toMatch(/^RSI\(3\)=[\d.]+ crossed below 30$/);
    const long = actions(source, flatBars(closes), () => 1);
    expect(long.map(([, d]) => d.action)).toEqual(['exit']);
  });
});

describe('ema-cross', () => {
  it('is long-only: a cross below exits a long and is ignored when flat', () => {
    // EMA(2) 9.33 < EMA(4) 9.75 at bar 3, 12.44 > 11.45 at bar 4; back below at bar 6 (10.94 < 11.56).
    const closes = [10, 10, 10, 9, 14, 16, 9, 6, 5];
    const source = createStrategy('ema-cross', { fast: 2, slow: 4 });
    expect(actions(source, flatBars(closes)).map(([, d]) => d.action)).toEqual(['buy']);
    expect(actions(source, flatBars(closes), () => 1).map(([, d]) => d.action)).toEqual(['exit']);
  });
});

describe('look-ahead', () => {
  it.each(['sma-cross', 'price-sma-cross', 'rsi-revert', 'ema-cross'])(
    '%s decides bar i the same whatever comes after it',
    (name) => {
      const closes = Array.from({ length: 200 }, (_, i) => 100 + 10 * Math.sin(i / 7) + 3 * Math.sin(i * 1.3));
      const cut = 120;
      const garbage = closes.map((c, i) => (i > cut ? 1000 * Math.random() : c));
      const params = name === 'rsi-revert' ? { period: 5 } : {};
      const a = actions(createStrategy(name, params), flatBars(closes)).filter(([i]) => i <= cut);
      const b = actions(createStrategy(name, params), flatBars(garbage)).filter(([i]) => i <= cut);
      expect(b).toEqual(a);
      expect(a.length).toBeGreaterThan(0);
    },
  );
});

describe('actingReasons false (a run that records nothing)', () => {
  it.each(['sma-cross', 'price-sma-cross', 'rsi-revert', 'ema-cross'])('%s acts on the same bars the same way, only without reason text', (name) => {
    const closes = Array.from({ length: 300 }, (_, i) => 100 + 10 * Math.sin(i / 7) + 3 * Math.sin(i * 1.3));
    const params = name === 'rsi-revert' ? { period: 5 } : {};
    for (const held of [0, 1]) {
      const full = actions(createStrategy(name, params), flatBars(closes), () => held);
      const quiet = actions(createStrategy(name, params), flatBars(closes), () => held, false);
      expect(full.length).toBeGreaterThan(0);
      expect(full.every(([, d]) => d.votes[0].reasons.length === 1 && d.votes[0].reasons[0].includes('crossed'))).toBe(true);
      expect(quiet).toEqual(full.map(([i, d]) => [i, { ...d, votes: d.votes.map((v) => ({ ...v, reasons: [] })) }]));
    }
  });
});

it('unknown strategies are named in the error', () => {
  expect(() => createStrategy('nope')).toThrow(/unknown strategy 'nope'/);
});
