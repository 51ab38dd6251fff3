// A run's decisions as typed columns, one entry per bar: what a stored backtest keeps for every bar instead of a row
// with its votes as JSON. Reasons are not kept here (they are recomputed for the bars a trader opens); the numbers are.
import type { Decision, DecisionAction } from '../../../shared/domain';

export const ACTIONS: readonly DecisionAction[] = ['hold', 'buy', 'sell', 'exit'];
const ALIGNMENTS = ['aligned', 'opposed', 'neutral'] as const;
const REGIMES = ['trending', 'ranging', 'volatile', 'neutral'] as const;

/**
 * Veto causes as bits, by the wording the risk audit starts each cause with. The full text (with its numbers) is kept
 * on acting decisions and recomputed for the others; a cause this list does not know sets OTHER.
 */
export const VETO_CAUSES = ['circuit breaker tripped', 'max open positions', 'daily drawdown', 'volatility spike', 'stale data'] as const;
const VETO_OTHER = 0x80;

/** Vote flags per agent and bar. */
export const VOTED = 1;
export const ABSTAINED = 2;

export interface DecisionColumns {
  length: number;
  /** Agent (vote) names in column order. */
  agents: readonly string[];
  time: Float64Array;
  /** Index into ACTIONS. */
  action: Uint8Array;
  score: Float32Array;
  /** The panel's weighted confidence; NaN when the source has none. */
  confidence: Float32Array;
  /** 0 = none, else 1 + index into ['aligned', 'opposed', 'neutral']. */
  alignment: Uint8Array;
  /** 0 = none, else 1 + index into ['trending', 'ranging', 'volatile', 'neutral']. */
  regime: Uint8Array;
  /** Bit k set: VETO_CAUSES[k] applied; 0x80: another cause. */
  veto: Uint8Array;
  /** Per agent: direction, confidence and flags (VOTED, ABSTAINED). */
  direction: Float32Array[];
  agentConfidence: Float32Array[];
  voteFlags: Uint8Array[];
}

export function allocateColumns(agents: readonly string[], length: number): DecisionColumns {
  return {
    length, agents,
    time: new Float64Array(length), action: new Uint8Array(length), score: new Float32Array(length),
    confidence: new Float32Array(length), alignment: new Uint8Array(length), regime: new Uint8Array(length),
    veto: new Uint8Array(length),
    direction: agents.map(() => new Float32Array(length)),
    agentConfidence: agents.map(() => new Float32Array(length)),
    voteFlags: agents.map(() => new Uint8Array(length)),
  };
}

export function vetoBits(veto: string | undefined): number {
  if (!veto) return 0;
  let bits = 0;
  for (const part of veto.split('; ')) {
    const k = VETO_CAUSES.findIndex((cause) => part.startsWith(cause));
    bits |= k < 0 ? VETO_OTHER : 1 << k;
  }
  return bits;
}

/** The causes a veto code stands for, without their numbers (e.g. "volatility spike; stale data"). */
export function vetoText(bits: number): string | undefined {
  if (bits === 0) return undefined;
  const parts: string[] = VETO_CAUSES.filter((_, k) => (bits & (1 << k)) !== 0);
  if (bits & VETO_OTHER) parts.push('other');
  return parts.join('; ');
}

/** The extra fields the panel puts on its decisions (PanelDecision), read without importing the agents. */
interface PanelExtras {
  confidence?: number;
  regime?: string;
}

/** Writes decision `d` into row `i`; votes are matched to columns by agent name (a name not in `agents` is skipped). */
export function writeRow(c: DecisionColumns, i: number, d: Decision): void {
  c.time[i] = d.time;
  c.action[i] = ACTIONS.indexOf(d.action);
  c.score[i] = d.score;
  const extras = d as Decision & PanelExtras;
  c.confidence[i] = extras.confidence ?? NaN;
  c.alignment[i] = d.alignment ? ALIGNMENTS.indexOf(d.alignment) + 1 : 0;
  c.regime[i] = extras.regime ? REGIMES.indexOf(extras.regime as (typeof REGIMES)[number]) + 1 : 0;
  c.veto[i] = vetoBits(d.veto);
  const { agents } = c;
  for (let v = 0; v < d.votes.length; v++) {
    const vote = d.votes[v];
    const k = agents[v] === vote.agent ? v : agents.indexOf(vote.agent);
    if (k < 0) continue;
    c.direction[k][i] = vote.direction;
    c.agentConfidence[k][i] = vote.confidence;
    c.voteFlags[k][i] = VOTED | (vote.abstained ? ABSTAINED : 0);
  }
}

/** Row `i` as a Decision; votes carry no reasons (the caller recomputes them when a trader opens the bar). */
export function readRow(c: DecisionColumns, i: number, symbol: string): Decision {
  const votes: Decision['votes'] = [];
  c.agents.forEach((agent, k) => {
    const flags = c.voteFlags[k][i];
    if (!(flags & VOTED)) return;
    votes.push({ agent, direction: c.direction[k][i], confidence: c.agentConfidence[k][i], reasons: [], ...(flags & ABSTAINED ? { abstained: true } : {}) });
  });
  const d: Decision & PanelExtras = { time: c.time[i], symbol, action: ACTIONS[c.action[i]], score: c.score[i], votes };
  const veto = vetoText(c.veto[i]);
  if (veto) d.veto = veto;
  if (c.alignment[i] > 0) d.alignment = ALIGNMENTS[c.alignment[i] - 1];
  if (c.regime[i] > 0) d.regime = REGIMES[c.regime[i] - 1];
  if (!Number.isNaN(c.confidence[i])) d.confidence = c.confidence[i];
  return d;
}

/** Rows [from, to) of `c` as new columns (copies, so the source block can be dropped). */
export function sliceColumns(c: DecisionColumns, from: number, to: number): DecisionColumns {
  return {
    length: to - from, agents: c.agents,
    time: c.time.slice(from, to), action: c.action.slice(from, to), score: c.score.slice(from, to),
    confidence: c.confidence.slice(from, to), alignment: c.alignment.slice(from, to), regime: c.regime.slice(from, to),
    veto: c.veto.slice(from, to),
    direction: c.direction.map((a) => a.slice(from, to)),
    agentConfidence: c.agentConfidence.map((a) => a.slice(from, to)),
    voteFlags: c.voteFlags.map((a) => a.slice(from, to)),
  };
}
