// LivePanel: the same agents in streaming form, one closed candle at a time, each agent under its live time budget.
import { ModelError } from '../errors';
import type { Bar } from '../indicators';
import type { Position } from '../model/order';
import { evaluateWithBudget, type TimedVote } from './budget';
import { BearStream, BullStream } from './bull-bear';
import { panelDecision } from './decision';
import type { PredictorStream } from './predictor';
import { QuantAnalystStream } from './quant-analyst';
import { RegimeStream } from './regime';
import { RiskAuditStream, type RiskAuditOptions } from './risk-audit';
import { budgetFor, parsePanelSettings, type PanelSettings, type PanelSettingsInput } from './settings';
import type { AgentStyle, PanelDecision, RegimeLabel, StreamAgent, Vote } from './types';

export interface LivePanelOptions extends RiskAuditOptions {
  symbol: string;
  settings?: PanelSettingsInput | PanelSettings;
  /** The model agent, once it exists (see predictor.ts); absent means no Predictor vote at all. */
  predictor?: PredictorStream;
  /** Extra voters, for tests of the time budget; they vote after Regime in the given order. */
  extraAgents?: StreamAgent[];
}

/** How long each agent took on the last bar, and whether it was cut off, for logs and the UI. */
export interface AgentTiming {
  agent: string;
  elapsedMs: number;
  timedOut: boolean;
  error?: string;
}

export class LivePanel {
  readonly settings: PanelSettings;
  readonly agents: readonly StreamAgent[];
  lastTimings: AgentTiming[] = [];
  private readonly styles: readonly AgentStyle[];
  private readonly regime: RegimeStream;
  private readonly risk: RiskAuditStream;
  private readonly symbol: string;

  constructor(options: LivePanelOptions) {
    const s = (this.settings = parsePanelSettings(options.settings));
    this.symbol = options.symbol;
    this.regime = new RegimeStream(s);
    this.risk = new RiskAuditStream(s, options);
    const voters: StreamAgent[] = [new QuantAnalystStream(s), new BullStream(s), new BearStream(s), this.regime];
    if (options.predictor) voters.push(options.predictor);
    voters.push(...(options.extraAgents ?? []));
    this.agents = [...voters, this.risk];
    this.styles = this.agents.map((a) => a.style);
  }

  /** Every agent synchronously with no budget (replays, tests); fails if an agent is async. */
  updateSync(candle: Bar, position?: Position): PanelDecision {
    const votes = this.agents.map((agent) => {
      const vote = agent.update(candle);
      if (vote instanceof Promise) {
        throw new ModelError(`agent ${agent.name} is asynchronous: use LivePanel.update()`, 'MODEL_ASYNC', { field: agent.name });
      }
      return vote;
    });
    this.lastTimings = [];
    return this.decide(candle, votes, position, this.regime.lastRegime, this.risk.lastVeto);
  }

  /** The live path: agents run one after another, each cut off at its budget (settings.budgets). */
  async update(candle: Bar, position?: Position): Promise<PanelDecision> {
    const timed: TimedVote[] = [];
    for (const agent of this.agents) {
      timed.push(await evaluateWithBudget(agent, candle, budgetFor(this.settings, agent.name)));
    }
    this.lastTimings = timed.map((t, k) => ({
      agent: this.agents[k].name,
      elapsedMs: t.elapsedMs,
      timedOut: t.timedOut,
      ...(t.error === undefined ? {} : { error: t.error }),
    }));
    const votes = timed.map((t) => t.vote);
    const riskVote = votes[votes.length - 1];
    // A risk gate that could not answer fails safe: it vetoes, quoting why.
    const riskVeto = riskVote.abstained ? `RiskAudit ${riskVote.reasons[0]}` : this.risk.lastVeto;
    const regimeVote = votes[this.agents.indexOf(this.regime)];
    const regime: RegimeLabel = regimeVote.abstained ? 'neutral' : this.regime.lastRegime;
    return this.decide(candle, votes, position, regime, riskVeto);
  }

  private decide(candle: Bar, votes: Vote[], position: Position | undefined, regime: RegimeLabel, riskVeto: string | undefined) {
    return panelDecision(
      { time: candle.time, symbol: this.symbol, votes, styles: this.styles, regime, riskVeto, position },
      this.settings,
    );
  }
}
