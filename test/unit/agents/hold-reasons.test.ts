// holdReasons false (what backtests pass) changes nothing but the reasons of hold decisions' votes: on a month of real
// FIL/USDT 1m candles every number, action, veto and acting bar's reasons equal the full-reasons decision's.
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AgentPanel, type PanelDecision, type PanelSettingsInput } from '../../../electron/engine/agents';
import { loadFile } from '../../../electron/engine/backtest/load-data';
import type { CandleSeries } from '../../../electron/engine/model/candle-series';
import type { Position } from '../../../electron/engine/model/order';
import { hasSharedData, SHARED_SKIP_REASON, sharedPath } from '../../shared-data';

if (!hasSharedData) console.warn(SHARED_SKIP_REASON);

async function loadFil(): Promise<CandleSeries> {
  return (await loadFile(sharedPath('data', 'isda-binance-1m', 'FILUSDT-1m-2023-08.csv'))).series;
}

function positionAfter(d: PanelDecision, position: Position | undefined): Position | undefined {
  if (d.action === 'buy' || d.action === 'sell') return { symbol: d.symbol, size: d.action === 'buy' ? 1 : -1, entryPrice: 1, openedAt: d.time };
  return d.action === 'exit' ? undefined : position;
}

/** The full decision as holdReasons false may give it: a hold's votes with empty reasons, nothing else touched. */
function quietForm(d: PanelDecision): PanelDecision {
  return d.action === 'hold' ? { ...d, votes: d.votes.map((v) => ({ ...v, reasons: [] })) } : d;
}

describe.skipIf(!hasSharedData)('holdReasons false on FIL/USDT 1m (Aug 2023)', () => {
  it.each<[string, PanelSettingsInput]>([
    ['default settings', {}],
    ['shorts allowed, vetoes exit', { allowShort: true, vetoAction: 'exit' }],
  ])('equals full reasons on every number, and on reasons for acting bars (%s)', async (_name, settings) => {
    const series = await loadFil();
    const full = new AgentPanel({ settings });
    const quiet = new AgentPanel({ settings });
    full.prepare(series);
    quiet.prepare(series);
    const seen = { acting: 0, hold: 0, vetoed: 0, quietHold: 0 };
    let position: Position | undefined;
    for (let i = 0; i < series.length; i++) {
      const ctx = { index: i, series, symbol: 'FIL/USDT', position, equity: 10_000, cash: 10_000 };
      const f = full.decide({ ...ctx, holdReasons: true });
      const q = quiet.decide({ ...ctx, holdReasons: false });
      // A cheap strict check per bar (Object.is on numbers, so -0 ≠ 0); expect only to report a difference.
      if (!isDeepStrictEqual(q, quietForm(f))) expect(q, `bar ${i}`).toStrictEqual(quietForm(f));
      if (f.action === 'hold') {
        seen.hold++;
        if (q.votes.every((v) => v.reasons.length === 0)) seen.quietHold++;
      } else {
        seen.acting++;
        expect(q.votes.every((v) => v.reasons.length > 0), `bar ${i}`).toBe(true);
      }
      if (f.veto !== undefined) seen.vetoed++;
      position = positionAfter(f, position);
    }
    expect(seen.acting).toBeGreaterThan(100);
    expect(seen.vetoed).toBeGreaterThan(10);
    expect(seen.quietHold).toBe(seen.hold);
  });

  it('leaves decisions as they were when holdReasons is absent', async () => {
    const series = await loadFil();
    const a = new AgentPanel();
    const b = new AgentPanel();
    a.prepare(series);
    b.prepare(series);
    for (let i = 0; i < series.length; i += 7) {
      const ctx = { index: i, series, symbol: 'FIL/USDT', position: undefined, equity: 1, cash: 1 };
      expect(b.decide({ ...ctx, holdReasons: true })).toStrictEqual(a.decide(ctx));
    }
  });
});
