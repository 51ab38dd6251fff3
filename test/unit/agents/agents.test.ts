// Each agent on hand-made bars: reason texts with numbers, warm-up abstention, regime labels, risk vetoes.
import { describe, expect, it } from 'vitest';
import {
  AgentPanel, classifyRegime, DEFAULT_PANEL_SETTINGS, quantText, quantVote, RiskAudit, RiskAuditStream,
} from '../../../electron/engine/agents';
import { candleAt, type CandleSeries } from '../../../electron/engine/model/candle-series';
import { SMALL } from './small-settings';
import { HOUR, zigzag } from './zigzag';

const Q = DEFAULT_PANEL_SETTINGS.quant;

describe('QuantAnalyst', () => {
  it('quotes each factor with its number, score and weight', () => {
    const v = quantVote(Q, quantText(Q), 28.4, 0, { upper: 110, middle: 100, lower: 90 }, 100);
    expect(v.reasons).toEqual([
      'RSI(14)=28.4 oversold (+1.00 × 0.40)',
      'MACD hist +0.00σ flat (+0.00 × 0.30)',
      'Bollinger %B=0.50 inside bands (+0.00 × 0.30)',
    ]);
    expect(v.direction).toBeCloseTo(0.4, 12);
    expect(v.confidence).toBeCloseTo(0.4, 12);
  });

  it('reads overbought at the upper band as a case to sell', () => {
    const v = quantVote(Q, quantText(Q), 75, -1, { upper: 110, middle: 100, lower: 90 }, 111);
    expect(v.direction).toBeLessThan(-0.5);
    expect(v.reasons[0]).toBe('RSI(14)=75.0 overbought (-1.00 × 0.40)');
    expect(v.reasons[2]).toMatch(/^Bollinger %B=1\.05 near upper band \(-1\.00 × 0\.30\)$/);
  });

  it('abstains while warming up', () => {
    const v = quantVote(Q, quantText(Q), NaN, 0, { upper: NaN, middle: NaN, lower: NaN }, 100);
    expect(v).toMatchObject({ agent: 'QuantAnalyst', abstained: true, confidence: 0, direction: 0 });
  });
});

describe('Regime', () => {
  const R = DEFAULT_PANEL_SETTINGS.regime;
  it.each([
    [40, 0.95, 0.5, 'volatile'],
    [30, 0.5, 0.9, 'trending'],
    [15, 0.5, 0.3, 'ranging'],
    [15, 0.5, 0.9, 'neutral'],
    [22, 0.5, 0.3, 'neutral'],
  ] as const)('ADX %d, ATR pct %d, width pct %d → %s', (adx, atrPct, widthPct, label) => {
    expect(classifyRegime(R, adx, atrPct, widthPct)).toBe(label);
  });
});

describe('the panel on a series', () => {
  it('votes in the fixed order, with no Predictor until the model exists', () => {
    const s = zigzag(300);
    const panel = new AgentPanel();
    panel.prepare(s);
    const early = panel.decide({ index: 5, series: s, symbol: 'T', position: undefined, equity: 1, cash: 1 });
    expect(early.votes.map((v) => v.agent)).toEqual(['QuantAnalyst', 'Bull', 'Bear', 'Regime', 'RiskAudit']);
    expect(early.votes.slice(0, 4).every((v) => v.abstained)).toBe(true);
    expect(early).toMatchObject({ action: 'hold', score: 0, regime: 'neutral', alignment: 'neutral' });
    const late = panel.decide({ index: 299, series: s, symbol: 'T', position: undefined, equity: 1, cash: 1 });
    expect(late.votes.some((v) => v.abstained)).toBe(false);
  });
});

describe('RiskAudit', () => {
  const vote = (agent: RiskAudit, s: CandleSeries, i: number) => {
    agent.prepare(s);
    return { vote: agent.vote(i), veto: agent.lastVeto };
  };

  it('vetoes a bar whose range dwarfs the median of the bars before it', () => {
    const s = zigzag(80, 70);
    const { vote: v, veto } = vote(new RiskAudit(SMALL), s, 70);
    expect(veto).toMatch(/^volatility spike: bar range \d+\.\dx the 4-bar median \(limit 5x\)$/);
    expect(v).toMatchObject({ agent: 'RiskAudit', direction: 0, confidence: 1 });
    expect(vote(new RiskAudit(SMALL), s, 69).veto).toBeUndefined();
  });

  it('is never stale on the replay clock, and stale live when the clock runs ahead', () => {
    const s = zigzag(30);
    expect(vote(new RiskAudit(SMALL), s, 29).veto).toBeUndefined();
    const barClose = s.time[29] + HOUR;
    expect(vote(new RiskAudit(SMALL, { now: () => barClose + 1000 }), s, 29).veto).toBeUndefined();
    const late = vote(new RiskAudit(SMALL, { now: () => barClose + 3 * HOUR }), s, 29).veto;
    expect(late).toBe('stale data: last bar closed 3.0 bars ago (limit 2)');
  });

  it('vetoes on a tripped breaker, full position slots and drawdown near its limit', () => {
    const s = zigzag(30);
    const state = { breakerTripped: 'daily-loss', openPositions: 3, maxOpenPositions: 3, dailyDrawdownPct: 4.6, maxDailyDrawdownPct: 5 };
    const { vote: v } = vote(new RiskAudit(SMALL, { riskState: () => state }), s, 29);
    expect(v.reasons).toEqual([
      'circuit breaker tripped: daily-loss',
      'max open positions reached (3/3)',
      'daily drawdown 4.60% near limit 5.00%',
    ]);
    expect(vote(new RiskAudit(SMALL, { riskState: () => ({ dailyDrawdownPct: 4 }) }), s, 29).veto).toBeUndefined();
  });

  it('gives the same verdicts streaming, including staleness from the spacing of bars', () => {
    const s = zigzag(40, 30);
    const now = () => s.time[39] + 10 * HOUR;
    const batch = new RiskAudit(SMALL, { now });
    batch.prepare(s);
    const stream = new RiskAuditStream(SMALL, { now });
    for (let i = 0; i < s.length; i++) expect(stream.update(candleAt(s, i))).toEqual(batch.vote(i));
  });
});
