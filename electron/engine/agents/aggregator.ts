// The decision core: weighs the votes by regime and confidence into a score, tags Bull/Bear alignment, picks the action.
//
// Score. Each voting agent a gets weight w_a = base_a × share(regime, style_a), where base_a is
// settings.weights.agents[a] and share is settings.weights.regimeShares[regime][style] (trend-followers = Bull, Bear,
// Regime; mean reversion = QuantAnalyst; 'model' agents get modelShare in every regime). Bull and Bear are not
// double-counted by this: they argue opposite sides, so together they form one net trend case. Then
//   score      = Σ w·conf·dir / Σ w·conf   (in [-1, 1]; 0 when nobody is confident)
//   confidence = Σ w·conf / Σ w            (the panel's weighted mean confidence)
// so an agent with no conviction neither pulls the score toward 0 nor moves it, and a confident one counts more.
// Abstaining votes (warm-up, timed out) and the RiskAudit gate never enter either sum.
//
// Action. Flat: buy at score ≥ enterLong; sell (short entry) at score ≤ enterShort, only if allowShort.
// Long: exit at score ≤ exitLong. Short: exit at score ≥ exitShort. No direct reversal: exit first, enter on a later bar.
// Veto. A RiskAudit veto wins over any entry (→ hold; or exit an open position when vetoAction is 'exit'); an exit the
// score asks for always goes through, since reducing risk is never blocked. An entry whose panel confidence is under
// thresholds.minConfidence is also vetoed (→ hold), with the numbers as the reason.
import type { DecisionAction } from '../../../shared/domain';
import type { Position } from '../model/order';
import { clampUnit } from './num';
import type { PanelSettings } from './settings';
import type { AgentStyle, Alignment, RegimeLabel, Vote } from './types';

export type PositionSide = -1 | 0 | 1;

export interface Aggregate {
  score: number;
  confidence: number;
  action: DecisionAction;
  veto?: string;
  alignment: Alignment;
}

export function sideOf(position: Position | undefined): PositionSide {
  if (!position || position.size === 0) return 0;
  return position.size > 0 ? 1 : -1;
}

function styleShare(w: PanelSettings['weights'], regime: RegimeLabel, style: AgentStyle): number {
  if (style === 'model') return w.modelShare;
  if (style === 'gate') return 0;
  return w.regimeShares[regime][style];
}

/** An agent's weight w_a under a regime (the gate's is never used). */
export function agentWeight(w: PanelSettings['weights'], agent: string, style: AgentStyle, regime: RegimeLabel): number {
  return ((w.agents as Record<string, number>)[agent] ?? 1) * styleShare(w, regime, style);
}

/** Score and confidence from the sums Σ w·conf·dir, Σ w·conf and Σ w; the batch panel sums from its columns. */
export function weighedScore(num: number, den: number, total: number): { score: number; confidence: number } {
  // Mathematically |num| ≤ den; the clamp only absorbs rounding at the ends.
  return { score: den > 0 ? clampUnit(num / den) + 0 : 0, confidence: total > 0 ? den / total : 0 };
}

/** Score and panel confidence of the votes (see the module comment for the formula). */
export function weighVotes(
  votes: readonly Vote[],
  styles: readonly AgentStyle[],
  regime: RegimeLabel,
  w: PanelSettings['weights'],
): { score: number; confidence: number } {
  let num = 0;
  let den = 0;
  let total = 0;
  for (let k = 0; k < votes.length; k++) {
    const v = votes[k];
    const style = styles[k];
    if (v.abstained || style === 'gate') continue;
    const weight = agentWeight(w, v.agent, style, regime);
    num += weight * v.confidence * v.direction;
    den += weight * v.confidence;
    total += weight;
  }
  return weighedScore(num, den, total);
}

/** Alignment from the two cases' confidences, each undefined when missing or abstaining. */
export function alignmentOfCases(bull: number | undefined, bear: number | undefined, a: PanelSettings['alignment']): Alignment {
  if (bull === undefined || bear === undefined) return 'neutral';
  const strong = Math.max(bull, bear);
  const weak = Math.min(bull, bear);
  if (strong < a.minCase) return 'neutral';
  return weak >= a.opposedRatio * strong ? 'opposed' : 'aligned';
}

/** Aligned: one case clearly dominates; opposed: both cases are strong; neutral: neither is, or one is missing. */
export function alignmentOf(votes: readonly Vote[], a: PanelSettings['alignment']): Alignment {
  let bull: Vote | undefined;
  let bear: Vote | undefined;
  for (const v of votes) {
    if (v.agent === 'Bull') bull = v;
    else if (v.agent === 'Bear') bear = v;
  }
  const conf = (v: Vote | undefined) => (!v || v.abstained ? undefined : v.confidence);
  return alignmentOfCases(conf(bull), conf(bear), a);
}

function wantedAction(score: number, side: PositionSide, s: PanelSettings): DecisionAction {
  const t = s.thresholds;
  if (side > 0) return score <= t.exitLong ? 'exit' : 'hold';
  if (side < 0) return score >= t.exitShort ? 'exit' : 'hold';
  if (score >= t.enterLong) return 'buy';
  if (s.allowShort && score <= t.enterShort) return 'sell';
  return 'hold';
}

/** The action after vetoes: the risk veto first, then the low-confidence veto on entries. */
export function chooseAction(
  score: number,
  confidence: number,
  side: PositionSide,
  riskVeto: string | undefined,
  s: PanelSettings,
): { action: DecisionAction; veto?: string } {
  const wanted = wantedAction(score, side, s);
  if (riskVeto !== undefined) {
    if (wanted === 'exit' || (side !== 0 && s.vetoAction === 'exit')) return { action: 'exit', veto: riskVeto };
    return { action: 'hold', veto: riskVeto };
  }
  const entry = wanted === 'buy' || wanted === 'sell';
  if (entry && confidence < s.thresholds.minConfidence) {
    const veto = `panel confidence ${confidence.toFixed(2)} < ${s.thresholds.minConfidence.toFixed(2)}`;
    return { action: 'hold', veto };
  }
  return { action: wanted };
}

export function aggregate(
  votes: readonly Vote[],
  styles: readonly AgentStyle[],
  regime: RegimeLabel,
  side: PositionSide,
  riskVeto: string | undefined,
  s: PanelSettings,
): Aggregate {
  const { score, confidence } = weighVotes(votes, styles, regime, s.weights);
  const { action, veto } = chooseAction(score, confidence, side, riskVeto, s);
  const alignment = alignmentOf(votes, s.alignment);
  return veto === undefined ? { score, confidence, action, alignment } : { score, confidence, action, veto, alignment };
}
