// AgentPanel: the agents as one SignalSource for backtests; prepare() computes every column (votes included) once,
// decide() weighs bar i from the columns and formats reason strings only when the decision needs them.
import { DataError } from '../errors';
import type { CandleSeries } from '../model/candle-series';
import type { BarContext, SignalSource } from '../model/signal';
import { chooseAction, sideOf } from './aggregator';
import { BarTally } from './bar-tally';
import { Bear, Bull } from './bull-bear';
import { ColumnCache } from './columns';
import { decisionOf } from './decision';
import type { PredictorAgent } from './predictor';
import { QuantAnalyst } from './quant-analyst';
import { Regime, REGIME_LABELS } from './regime';
import { RiskAudit, type RiskAuditOptions } from './risk-audit';
import { parsePanelSettings, type PanelSettings, type PanelSettingsInput } from './settings';
import type { BatchAgent, PanelDecision, Vote } from './types';

export interface PanelOptions extends RiskAuditOptions {
  settings?: PanelSettingsInput | PanelSettings;
  /** The model agent, once it exists (see predictor.ts); absent means no Predictor vote at all. */
  predictor?: PredictorAgent;
}

export class AgentPanel implements SignalSource {
  readonly name = 'panel';
  readonly settings: PanelSettings;
  /** Agents in AGENT_ORDER; RiskAudit last. */
  readonly agents: readonly BatchAgent[];
  private readonly regime: Regime;
  private readonly risk: RiskAudit;
  private readonly tally: BarTally;
  private series: CandleSeries | undefined;

  constructor(options: PanelOptions = {}) {
    const s = (this.settings = parsePanelSettings(options.settings));
    this.regime = new Regime(s);
    this.risk = new RiskAudit(s, options);
    const voters: BatchAgent[] = [new QuantAnalyst(s), new Bull(s), new Bear(s), this.regime];
    if (options.predictor) voters.push(options.predictor);
    this.agents = [...voters, this.risk];
    this.tally = new BarTally(voters, s);
  }

  prepare(series: CandleSeries): void {
    const cache = new ColumnCache(series);
    for (const agent of this.agents) agent.prepare(series, cache);
    this.series = series;
  }

  /** See BarContext.holdReasons: a hold's votes skip their reason strings only when it is false. */
  decide(ctx: BarContext): PanelDecision {
    // A loop that hands over a different series (e.g. live, with bars appended) gets the columns recomputed.
    if (ctx.series !== this.series) this.prepare(ctx.series);
    const i = ctx.index;
    if (!(i >= 0 && i < ctx.series.length)) {
      throw new DataError(`bar index ${i} outside the series (0..${ctx.series.length - 1})`, 'DATA_INVALID', { field: 'index', value: i });
    }
    const s = this.settings;
    const { tally, risk } = this;
    const regimeCode = this.regime.labels[i];
    risk.audit(i);
    tally.weigh(i, regimeCode, s.alignment);
    const { action, veto } = chooseAction(tally.score, tally.panelConfidence, sideOf(ctx.position), risk.lastVeto, s);
    const withReasons = ctx.holdReasons !== false || action !== 'hold';
    const votes = new Array<Vote>(this.agents.length);
    tally.votes(i, withReasons, votes);
    votes[votes.length - 1] = risk.auditedVote(i, withReasons);
    const agg = { score: tally.score, confidence: tally.panelConfidence, action, veto, alignment: tally.alignment };
    return decisionOf(ctx.series.time[i], ctx.symbol, votes, REGIME_LABELS[regimeCode], agg);
  }
}
