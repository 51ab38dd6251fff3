// One bar of the batch panel as numbers: reads each voter's columns at the bar's slot, weighs them exactly as weighVotes
// would (same terms, same order, so the same bits), and builds Vote objects only after the action is known.
import { agentWeight, alignmentOfCases, weighedScore } from './aggregator';
import { REGIME_LABELS } from './regime';
import type { PanelSettings } from './settings';
import type { Alignment, BatchAgent, Vote } from './types';
import { isColumnAgent, voteAt, type ColumnAgent } from './vote-columns';

export class BarTally {
  readonly direction: Float64Array;
  readonly confidence: Float64Array;
  readonly abstained: Uint8Array;
  score = 0;
  panelConfidence = 0;
  alignment: Alignment = 'neutral';
  /** Per regime code (REGIME_LABELS order), each voter's weight; NaN for a gate, which never weighs in. */
  private readonly weights: Float64Array[];
  private readonly columnAgents: (ColumnAgent | undefined)[];
  /** Votes of agents without columns (a predictor), taken whole on each bar. */
  private readonly taken: (Vote | undefined)[];
  private readonly bull: number;
  private readonly bear: number;

  constructor(private readonly voters: readonly BatchAgent[], settings: PanelSettings) {
    const n = voters.length;
    this.direction = new Float64Array(n);
    this.confidence = new Float64Array(n);
    this.abstained = new Uint8Array(n);
    this.weights = REGIME_LABELS.map((regime) =>
      Float64Array.from(voters, (a) => (a.style === 'gate' ? NaN : agentWeight(settings.weights, a.name, a.style, regime))),
    );
    this.columnAgents = voters.map((a) => (isColumnAgent(a) ? a : undefined));
    this.taken = new Array<Vote | undefined>(n).fill(undefined);
    this.bull = voters.findIndex((a) => a.name === 'Bull');
    this.bear = voters.findIndex((a) => a.name === 'Bear');
  }

  /**
   * Reads bar i (slot k of the column agents' window) and weighs it under the regime with code `regimeCode`, setting
   * score, panelConfidence and alignment.
   */
  weigh(i: number, k: number, regimeCode: number, alignment: PanelSettings['alignment']): void {
    const { direction, confidence, abstained } = this;
    for (let a = 0; a < this.voters.length; a++) {
      const agent = this.columnAgents[a];
      if (agent) {
        const c = agent.columns;
        direction[a] = c.direction[k];
        confidence[a] = c.confidence[k];
        abstained[a] = c.abstained[k];
      } else {
        const v = (this.taken[a] = this.voters[a].vote(i));
        direction[a] = v.direction;
        confidence[a] = v.confidence;
        abstained[a] = v.abstained ? 1 : 0;
      }
    }
    const weights = this.weights[regimeCode];
    let num = 0;
    let den = 0;
    let total = 0;
    for (let a = 0; a < this.voters.length; a++) {
      const weight = weights[a];
      if (abstained[a] === 1 || Number.isNaN(weight)) continue;
      num += weight * confidence[a] * direction[a];
      den += weight * confidence[a];
      total += weight;
    }
    const { score, confidence: panelConfidence } = weighedScore(num, den, total);
    this.score = score;
    this.panelConfidence = panelConfidence;
    this.alignment = alignmentOfCases(this.caseConfidence(this.bull), this.caseConfidence(this.bear), alignment);
  }

  /** The voters' votes on the bar last weighed (slot k): with reasons, or with empty ones for a quiet hold. */
  votes(k: number, withReasons: boolean, out: Vote[]): void {
    for (let a = 0; a < this.voters.length; a++) {
      const agent = this.columnAgents[a];
      if (agent) {
        out[a] = voteAt(agent.name, agent.columns, k, withReasons ? agent.reasons(k) : []);
      } else {
        const v = this.taken[a] as Vote;
        out[a] = withReasons ? v : { ...v, reasons: [] };
      }
    }
  }

  private caseConfidence(a: number): number | undefined {
    return a < 0 || this.abstained[a] === 1 ? undefined : this.confidence[a];
  }
}
