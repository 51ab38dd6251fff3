// Every agent's batch vote (prepare + vote(i)) equals its streaming vote (update(candle)) on every bar of random series.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AgentPanel, Bear, BearStream, Bull, BullStream, ColumnCache, LivePanel, QuantAnalyst, QuantAnalystStream, Regime,
  RegimeStream, RiskAudit, RiskAuditStream, type BatchAgent, type StreamAgent,
} from '../../../electron/engine/agents';
import { VoteSchema } from '../../../shared/domain';
import { candleAt, type CandleSeries } from '../../../electron/engine/model/candle-series';
import type { Position } from '../../../electron/engine/model/order';
import { arbitraryWalk } from './arbitrary-walk';
import { SMALL } from './small-settings';

const PAIRS: [string, () => BatchAgent, () => StreamAgent][] = [
  ['QuantAnalyst', () => new QuantAnalyst(SMALL), () => new QuantAnalystStream(SMALL)],
  ['Bull', () => new Bull(SMALL), () => new BullStream(SMALL)],
  ['Bear', () => new Bear(SMALL), () => new BearStream(SMALL)],
  ['Regime', () => new Regime(SMALL), () => new RegimeStream(SMALL)],
  ['RiskAudit', () => new RiskAudit(SMALL), () => new RiskAuditStream(SMALL)],
];

/** Votes past warm-up, so a property that only ever saw abstentions cannot pass quietly. */
let voted = 0;

function checkAgent(series: CandleSeries, makeBatch: () => BatchAgent, makeStream: () => StreamAgent): void {
  const batch = makeBatch();
  const stream = makeStream();
  batch.prepare(series, new ColumnCache(series));
  for (let i = 0; i < series.length; i++) {
    const expected = batch.vote(i);
    expect(stream.update(candleAt(series, i))).toEqual(expected);
    VoteSchema.parse(expected);
    if (!expected.abstained) voted++;
  }
}

describe('agent votes: batch form = streaming form', () => {
  it.each(PAIRS)('%s', (_name, makeBatch, makeStream) => {
    voted = 0;
    fc.assert(fc.property(arbitraryWalk(), (series) => checkAgent(series, makeBatch, makeStream)), { numRuns: 150 });
    expect(voted).toBeGreaterThan(5000);
  });

  it('Bull argues in [0, 1] and Bear in [-1, 0]', () => {
    fc.assert(
      fc.property(arbitraryWalk(), (series) => {
        const bull = new Bull(SMALL);
        const bear = new Bear(SMALL);
        const cache = new ColumnCache(series);
        bull.prepare(series, cache);
        bear.prepare(series, cache);
        for (let i = 0; i < series.length; i++) {
          const b = bull.vote(i);
          const r = bear.vote(i);
          expect(b.direction >= 0 && b.direction <= 1 && b.confidence === b.direction).toBe(true);
          expect(r.direction <= 0 && r.direction >= -1 && r.confidence === -r.direction).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('the panel decides alike in both forms, position by position', () => {
    fc.assert(
      fc.property(arbitraryWalk(), (series) => {
        const panel = new AgentPanel({ settings: SMALL });
        const live = new LivePanel({ symbol: 'T/USDT', settings: SMALL });
        panel.prepare(series);
        let position: Position | undefined;
        for (let i = 0; i < series.length; i++) {
          const d = panel.decide({ index: i, series, symbol: 'T/USDT', position, equity: 1, cash: 1 });
          expect(live.updateSync(candleAt(series, i), position)).toEqual(d);
          if (d.action === 'buy') position = { symbol: 'T/USDT', size: 1, entryPrice: 1, openedAt: 0 };
          if (d.action === 'exit') position = undefined;
        }
      }),
      { numRuns: 100 },
    );
  });
});
