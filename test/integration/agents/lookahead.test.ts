// NO LOOK-AHEAD: replacing every candle after t with garbage must not change a single decision (votes, reasons) up to t.
// prepare() sees the whole garbage-tailed series, so any batch column that peeks ahead (a centred window, a percentile
// over the whole series, a normalisation by the series max) changes some decision ≤ t and fails here.
import { describe, expect, it } from 'vitest';
import { AgentPanel, type PanelDecision } from '../../../electron/engine/agents';
import type { CandleSeries } from '../../../electron/engine/model/candle-series';
import type { Position } from '../../../electron/engine/model/order';
import { hasSharedData, SHARED_SKIP_REASON } from '../../shared-data';
import { BTC_1H, garbageAfter, loadFreqtrade } from './real-candles';

if (!hasSharedData) console.warn(SHARED_SKIP_REASON);

/** Decisions for bars 0..last, the position following the panel's own actions as a backtest would. */
function decisions(series: CandleSeries, last: number): PanelDecision[] {
  const panel = new AgentPanel();
  panel.prepare(series);
  const out: PanelDecision[] = [];
  let position: Position | undefined;
  for (let i = 0; i <= last; i++) {
    const d = panel.decide({ index: i, series, symbol: 'BTC/USDT', position, equity: 10_000, cash: 10_000 });
    out.push(d);
    if (d.action === 'buy') position = { symbol: 'BTC/USDT', size: 1, entryPrice: series.close[i], openedAt: d.time };
    else if (d.action === 'exit') position = undefined;
  }
  return out;
}

/** Fixed-seed picks so a failure names a t that reproduces. */
function cutPoints(n: number): number[] {
  let a = 20240607;
  const rand = () => {
    a = (Math.imul(a, 1103515245) + 12345) >>> 0;
    return a / 4294967296;
  };
  const random = Array.from({ length: 5 }, () => 200 + Math.floor(rand() * (n - 400)));
  // Right after the longest warm-up (Regime: ATR 14 + 100-bar percentile), and in the middle of it.
  return [60, 120, 150, ...random, n - 2];
}

describe.skipIf(!hasSharedData)('no look-ahead on BTC/USDT 1h', () => {
  const series = loadFreqtrade(BTC_1H);
  const clean = decisions(series, series.length - 1);

  it.each(cutPoints(series.length))('decisions up to t=%i ignore the future', (t) => {
    for (const [seed, extreme] of [[t, false], [t + 1, true]] as const) {
      const got = decisions(garbageAfter(series, t, seed, extreme), t);
      // Sanity: the garbage really does change what the panel sees after t.
      expect(garbageAfter(series, t, seed, extreme).close[t + 1]).not.toBe(series.close[t + 1]);
      expect(got).toEqual(clean.slice(0, t + 1));
    }
  });

  it('the garbage would have changed later decisions (the test can fail)', () => {
    const t = 2000;
    const got = decisions(garbageAfter(series, t, 1, false), t + 300);
    expect(got.slice(t + 1)).not.toEqual(clean.slice(t + 1, t + 301));
  });
});
