// On real BTC/USDT and ETH/USDT 1h candles, every agent's batch vote equals its streaming vote, and the panels agree.
import { describe, expect, it } from 'vitest';
import {
  AgentPanel, Bear, BearStream, Bull, BullStream, ColumnCache, LivePanel, QuantAnalyst, QuantAnalystStream, Regime,
  RegimeStream, RiskAudit, RiskAuditStream, type BatchAgent, type PanelDecision, type StreamAgent,
} from '../../../electron/engine/agents';
import { DEFAULT_PANEL_SETTINGS as S } from '../../../electron/engine/agents';
import { candleAt, type CandleSeries } from '../../../electron/engine/model/candle-series';
import type { Position } from '../../../electron/engine/model/order';
import { hasSharedData, SHARED_SKIP_REASON } from '../../shared-data';
import { BTC_1H, loadFreqtrade } from './real-candles';

if (!hasSharedData) console.warn(SHARED_SKIP_REASON);

const PAIRS: [string, () => BatchAgent, () => StreamAgent][] = [
  ['QuantAnalyst', () => new QuantAnalyst(S), () => new QuantAnalystStream(S)],
  ['Bull', () => new Bull(S), () => new BullStream(S)],
  ['Bear', () => new Bear(S), () => new BearStream(S)],
  ['Regime', () => new Regime(S), () => new RegimeStream(S)],
  ['RiskAudit', () => new RiskAudit(S), () => new RiskAuditStream(S)],
];
const FILES = [BTC_1H, ['data', 'Pr4v33n23-freqtrade', 'ETH_USDT-1h.json.gz']];

/** First bar where the two forms differ, or undefined; plus how many votes were past warm-up. */
function compareAgent(series: CandleSeries, batch: BatchAgent, stream: StreamAgent) {
  batch.prepare(series, new ColumnCache(series));
  let voted = 0;
  for (let i = 0; i < series.length; i++) {
    const b = batch.vote(i);
    const s = stream.update(candleAt(series, i));
    if (!b.abstained) voted++;
    expect(s, `bar ${i}`).toEqual(b);
  }
  return voted;
}

function positionAfter(d: PanelDecision, position: Position | undefined, close: number): Position | undefined {
  if (d.action === 'buy') return { symbol: d.symbol, size: 1, entryPrice: close, openedAt: d.time };
  if (d.action === 'exit') return undefined;
  return position;
}

describe.skipIf(!hasSharedData)('batch and streaming votes are identical on real data', () => {
  const series = FILES.map((f) => loadFreqtrade(f));

  it.each(PAIRS)('%s', (_name, makeBatch, makeStream) => {
    for (const s of series) {
      const voted = compareAgent(s, makeBatch(), makeStream());
      expect(voted).toBeGreaterThan(s.length - 200);
    }
  });

  it('AgentPanel.decide equals LivePanel.update (async, time-boxed path) on every bar', async () => {
    const s = series[0];
    const panel = new AgentPanel();
    panel.prepare(s);
    const live = new LivePanel({ symbol: 'BTC/USDT' });
    let position: Position | undefined;
    for (let i = 0; i < s.length; i++) {
      const d = panel.decide({ index: i, series: s, symbol: 'BTC/USDT', position, equity: 1, cash: 1 });
      expect(await live.update(candleAt(s, i), position), `bar ${i}`).toEqual(d);
      position = positionAfter(d, position, s.close[i]);
    }
  });
});
