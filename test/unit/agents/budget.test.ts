// Live time budgets: a slow agent is recorded as timed out and abstains; the panel still decides, on time.
import { describe, expect, it } from 'vitest';
import { evaluateWithBudget, LivePanel, parsePanelSettings, type StreamAgent, type Vote } from '../../../electron/engine/agents';
import type { PredictorStream } from '../../../electron/engine/agents';
import { candleAt } from '../../../electron/engine/model/candle-series';
import { SMALL } from './small-settings';
import { zigzag } from './zigzag';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const vote = (agent: string): Vote => ({ agent, direction: 0.5, confidence: 0.5, reasons: ['ok'] });

function slowAsync(ms: number): PredictorStream {
  return { name: 'Predictor', style: 'model', update: async () => { await sleep(ms); return vote('Predictor'); } };
}

describe('evaluateWithBudget', () => {
  it('cuts off an async agent at its budget and abstains', async () => {
    const t0 = performance.now();
    const out = await evaluateWithBudget(slowAsync(500), undefined, 40);
    expect(performance.now() - t0).toBeLessThan(300);
    expect(out.timedOut).toBe(true);
    expect(out.vote).toEqual({ agent: 'Predictor', direction: 0, confidence: 0, reasons: ['timed out after 40 ms'], abstained: true });
  });

  it('passes a vote that arrives in time', async () => {
    const out = await evaluateWithBudget(slowAsync(5), undefined, 1000);
    expect(out).toMatchObject({ timedOut: false, vote: vote('Predictor') });
  });

  it('discards a synchronous vote that overran (it cannot be pre-empted, so it is timed after the fact)', async () => {
    const busy = { name: 'Busy', update: () => { const end = performance.now() + 30; while (performance.now() < end); return vote('Busy'); } };
    const out = await evaluateWithBudget(busy, undefined, 5);
    expect(out.timedOut).toBe(true);
    expect(out.vote.reasons).toEqual(['timed out after 5 ms']);
  });

  it('turns a throwing agent into an abstention with the error', async () => {
    const out = await evaluateWithBudget({ name: 'Broken', update: () => { throw new Error('no model'); } }, undefined, 50);
    expect(out).toMatchObject({ timedOut: false, error: 'no model', vote: { abstained: true, reasons: ['failed: no model'] } });
  });
});

describe('LivePanel.update', () => {
  const series = zigzag(40);

  it('records a slow predictor as timed out, keeps its slot, and still decides like the sync path', async () => {
    const settings = parsePanelSettings({ ...SMALL, budgets: { perAgentMs: { Predictor: 20 } } });
    const live = new LivePanel({ symbol: 'T', settings, predictor: slowAsync(200) });
    const plain = new LivePanel({ symbol: 'T', settings });
    for (let i = 0; i < 3; i++) {
      const d = await live.update(candleAt(series, i));
      const ref = plain.updateSync(candleAt(series, i));
      expect(d.votes.map((v) => v.agent)).toEqual(['QuantAnalyst', 'Bull', 'Bear', 'Regime', 'Predictor', 'RiskAudit']);
      expect(d.votes[4]).toMatchObject({ abstained: true, reasons: ['timed out after 20 ms'] });
      expect({ ...d, votes: d.votes.filter((v) => v.agent !== 'Predictor') }).toEqual(ref);
      expect(live.lastTimings.find((t) => t.agent === 'Predictor')?.timedOut).toBe(true);
    }
  });

  it('fails safe when the risk gate itself times out: veto, no entry', async () => {
    const settings = parsePanelSettings({ ...SMALL, budgets: { perAgentMs: { RiskAudit: 1 } } });
    const live = new LivePanel({ symbol: 'T', settings, riskState: () => { const end = performance.now() + 10; while (performance.now() < end); return {}; } });
    const d = await live.update(candleAt(series, 0));
    expect(d.veto).toBe('RiskAudit timed out after 1 ms');
    expect(d.action).toBe('hold');
  });

  it('refuses async agents on the sync path', () => {
    const extra: StreamAgent = { name: 'Predictor', style: 'model', update: async () => vote('Predictor') };
    const live = new LivePanel({ symbol: 'T', settings: SMALL, extraAgents: [extra] });
    expect(() => live.updateSync(candleAt(series, 0))).toThrow(/asynchronous/);
  });
});
