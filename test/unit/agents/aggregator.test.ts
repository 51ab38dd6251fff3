// The decision core: the weighted score formula, regime shares, thresholds, position awareness, vetoes and alignment.
import { describe, expect, it } from 'vitest';
import {
  aggregate, alignmentOf, chooseAction, DEFAULT_PANEL_SETTINGS, parsePanelSettings, weighVotes,
  type AgentStyle, type Vote,
} from '../../../electron/engine/agents';

const S = DEFAULT_PANEL_SETTINGS;
const vote = (agent: string, direction: number, confidence: number, abstained?: boolean): Vote =>
  ({ agent, direction, confidence, reasons: [], ...(abstained ? { abstained } : {}) });
const STYLES: AgentStyle[] = ['meanReversion', 'trend', 'trend', 'trend', 'gate'];

function panelVotes(quant: number, bull: number, bear: number, regime = 0): Vote[] {
  return [
    vote('QuantAnalyst', quant, Math.abs(quant)),
    vote('Bull', bull, bull),
    vote('Bear', bear, -bear),
    vote('Regime', regime, Math.abs(regime)),
    vote('RiskAudit', 0, 1),
  ];
}

describe('weighVotes', () => {
  it('is Σ w·conf·dir / Σ w·conf with w = base weight × regime share of the style', () => {
    const votes = panelVotes(-0.4, 0.8, -0.2);
    const { score, confidence } = weighVotes(votes, STYLES, 'trending', S.weights);
    // trending: mean reversion × 0.4 (Quant), trend-followers × 0.6 (Bull, Bear, and Regime whose base is 0.5).
    const w = { q: 0.4, bull: 0.6, bear: 0.6, regime: 0.3 };
    const num = w.q * 0.4 * -0.4 + w.bull * 0.8 * 0.8 + w.bear * 0.2 * -0.2;
    const den = w.q * 0.4 + w.bull * 0.8 + w.bear * 0.2;
    expect(score).toBeCloseTo(num / den, 12);
    expect(confidence).toBeCloseTo(den / (w.q + w.bull + w.bear + w.regime), 12);
  });

  it('favours trend-followers when trending and mean reversion when ranging', () => {
    const votes = panelVotes(-0.6, 0.6, 0);
    const trending = weighVotes(votes, STYLES, 'trending', S.weights).score;
    const ranging = weighVotes(votes, STYLES, 'ranging', S.weights).score;
    const neutral = weighVotes(votes, STYLES, 'neutral', S.weights).score;
    expect(trending).toBeGreaterThan(0);
    expect(ranging).toBeLessThan(0);
    expect(neutral).toBeCloseTo(0, 12);
  });

  it('skips abstained votes and the gate, and is 0 when nobody is confident', () => {
    const votes = [vote('QuantAnalyst', 0.9, 0.9, true), vote('Bull', 0.5, 0.5), vote('RiskAudit', 1, 1)];
    expect(weighVotes(votes, ['meanReversion', 'trend', 'gate'], 'neutral', S.weights).score).toBeCloseTo(0.5, 12);
    expect(weighVotes([vote('Bull', 0, 0)], ['trend'], 'neutral', S.weights)).toEqual({ score: 0, confidence: 0 });
  });
});

describe('chooseAction', () => {
  const allowShort = parsePanelSettings({ allowShort: true });
  const exitOnVeto = parsePanelSettings({ vetoAction: 'exit' });

  it.each([
    [0.3, 0, false, 'buy'],
    [0.29, 0, false, 'hold'],
    [-0.5, 0, false, 'hold'],
    [-0.3, 0, true, 'sell'],
    [-0.1, 1, false, 'exit'],
    [-0.09, 1, false, 'hold'],
    [0.9, 1, false, 'hold'],
    [0.1, -1, true, 'exit'],
    [0.05, -1, true, 'hold'],
  ] as const)('score %d, side %d, shorts %s → %s', (score, side, shorts, action) => {
    expect(chooseAction(score, 1, side, undefined, shorts ? allowShort : S)).toEqual({ action });
  });

  it('lets a risk veto block entries, never exits, and exit positions when configured', () => {
    expect(chooseAction(0.9, 1, 0, 'spike', S)).toEqual({ action: 'hold', veto: 'spike' });
    expect(chooseAction(-0.5, 1, 1, 'spike', S)).toEqual({ action: 'exit', veto: 'spike' });
    expect(chooseAction(0.5, 1, 1, 'spike', S)).toEqual({ action: 'hold', veto: 'spike' });
    expect(chooseAction(0.5, 1, 1, 'spike', exitOnVeto)).toEqual({ action: 'exit', veto: 'spike' });
    expect(chooseAction(0.9, 1, 0, 'spike', exitOnVeto)).toEqual({ action: 'hold', veto: 'spike' });
  });

  it('vetoes an entry on low panel confidence, quoting the numbers', () => {
    expect(chooseAction(0.5, 0.05, 0, undefined, S)).toEqual({ action: 'hold', veto: 'panel confidence 0.05 < 0.10' });
    expect(chooseAction(-0.5, 0.05, 1, undefined, S)).toEqual({ action: 'exit' });
  });
});

describe('alignmentOf', () => {
  it.each([
    [0.7, -0.1, 'aligned'],
    [0.1, -0.6, 'aligned'],
    [0.6, -0.5, 'opposed'],
    [0.1, -0.15, 'neutral'],
  ] as const)('bull %d bear %d → %s', (bull, bear, tag) => {
    expect(alignmentOf(panelVotes(0, bull, bear), S.alignment)).toBe(tag);
  });

  it('is neutral when a case is missing or abstained', () => {
    expect(alignmentOf([vote('Bull', 0.9, 0.9)], S.alignment)).toBe('neutral');
    expect(alignmentOf([vote('Bull', 0.9, 0.9), vote('Bear', 0, 0, true)], S.alignment)).toBe('neutral');
  });
});

describe('aggregate', () => {
  it('omits veto when there is none', () => {
    const out = aggregate(panelVotes(0.5, 0.5, 0), STYLES, 'neutral', 0, undefined, S);
    expect(out.action).toBe('buy');
    expect('veto' in out).toBe(false);
    expect(out.alignment).toBe('aligned');
  });
});
