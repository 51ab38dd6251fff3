// Decision column blocks: any run of decisions survives encode → decode with every number (to float32), code and vote
// flag intact, a veto keeps its causes, and a block is refused, not misread, when its bytes are damaged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../shared/domain';
import { decodeDecisionBlock, encodeDecisionBlock } from '../../../electron/engine/trading/decision-block';
import { DecisionBlockWriter } from '../../../electron/engine/trading/decision-block-writer';
import { readRow, vetoBits, vetoText, type DecisionColumns } from '../../../electron/engine/trading/decision-columns';

const AGENTS = ['QuantAnalyst', 'Bull', 'Bear', 'Regime', 'RiskAudit'];
const VETOES = [undefined, 'volatility spike: bar range 4.2x the 50-bar median (limit 3x)', 'stale data: last bar closed 3.0 bars ago (limit 2); max open positions reached (1/1)'];

const unit = fc.double({ min: -1, max: 1, noNaN: true });
const share = fc.double({ min: 0, max: 1, noNaN: true });
const vote = (agent: string) => fc.record({ direction: unit, confidence: share, abstained: fc.boolean() }).map((v) => ({ agent, reasons: ['x'], ...v }));
const decision = fc.record({
  step: fc.integer({ min: 1, max: 10_000_000 }),
  action: fc.constantFrom('hold', 'buy', 'sell', 'exit' as const),
  score: unit,
  confidence: share,
  alignment: fc.constantFrom(undefined, 'aligned', 'opposed', 'neutral' as const),
  regime: fc.constantFrom('trending', 'ranging', 'volatile', 'neutral'),
  veto: fc.constantFrom(...VETOES),
  votes: fc.tuple(...AGENTS.map(vote)),
});

function collect(decisions: Decision[], blockRows: number): { symbol: string; block: DecisionColumns }[] {
  const out: { symbol: string; block: DecisionColumns }[] = [];
  const writer = new DecisionBlockWriter((symbol, block) => out.push({ symbol, block: decodeDecisionBlock(encodeDecisionBlock(block), 'test') }), blockRows);
  for (const d of decisions) writer.add(d);
  writer.flush();
  return out;
}

describe('decision blocks', () => {
  it('round-trip every field of every bar through the blob', () => {
    fc.assert(fc.property(fc.array(decision, { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 64 }), (raw, blockRows) => {
      let time = 1_700_000_000_000;
      const decisions: Decision[] = raw.map((r) => {
        time += r.step;
        const d = { time, symbol: 'FIL/USDT', action: r.action, score: r.score, votes: r.votes, confidence: r.confidence, regime: r.regime } as Decision;
        if (r.alignment) d.alignment = r.alignment;
        if (r.veto) d.veto = r.veto;
        return d;
      });
      const blocks = collect(decisions, blockRows);
      expect(blocks.map((b) => b.block.length)).toEqual(blocks.map((_, k) => Math.min(blockRows, decisions.length - k * blockRows)));
      const back = blocks.flatMap(({ symbol, block }) => Array.from({ length: block.length }, (_, i) => readRow(block, i, symbol)));
      back.forEach((b, i) => {
        const d = decisions[i] as Decision & { confidence: number };
        expect(b).toMatchObject({ time: d.time, symbol: d.symbol, action: d.action, score: Math.fround(d.score), regime: (d as { regime?: string }).regime, confidence: Math.fround(d.confidence) });
        expect(b.alignment).toBe(d.alignment);
        expect(b.veto).toBe(vetoText(vetoBits(d.veto)));
        expect(b.votes).toEqual(d.votes.map((v) => ({ agent: v.agent, direction: Math.fround(v.direction), confidence: Math.fround(v.confidence), reasons: [], ...(v.abstained ? { abstained: true } : {}) })));
      });
    }), { numRuns: 60 });
  });

  it('names each veto cause without its numbers', () => {
    expect(vetoText(vetoBits(VETOES[2]))).toBe('max open positions; stale data');
    expect(vetoText(vetoBits('something new'))).toBe('other');
    expect(vetoBits(undefined)).toBe(0);
  });

  it('starts a new block when a source adds an agent, and keeps the earlier bars', () => {
    const base = { symbol: 'X/Y', action: 'hold' as const, score: 0 };
    const blocks = collect([
      { ...base, time: 1, votes: [{ agent: 'sma-cross', direction: 0, confidence: 0, reasons: [] }] },
      { ...base, time: 2, votes: [{ agent: 'other', direction: 1, confidence: 1, reasons: [] }] },
    ], 100);
    expect(blocks.map((b) => b.block.agents)).toEqual([['sma-cross'], ['sma-cross', 'other']]);
    expect(readRow(blocks[1].block, 0, 'X/Y').votes).toEqual([{ agent: 'other', direction: 1, confidence: 1, reasons: [] }]);
  });

  it('refuses a damaged blob with a storage error naming the block', () => {
    const [{ block }] = collect([{ time: 1, symbol: 'X/Y', action: 'hold', score: 0, votes: [] }], 10);
    const blob = encodeDecisionBlock(block);
    expect(() => decodeDecisionBlock(blob.subarray(0, blob.length - 3), 'run 7')).toThrow(/Decision block run 7 is corrupt/);
  });
});
